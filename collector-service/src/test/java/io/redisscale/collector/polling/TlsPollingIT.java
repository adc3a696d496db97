package io.redisscale.collector.polling;

import io.redisscale.runtime.ErrorClass;
import io.redisscale.testsupport.ApiAuth;
import io.redisscale.testsupport.TlsRedisServer;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** rediss:// against a real TLS-only redis-server with a self-signed certificate. */
@QuarkusTest
class TlsPollingIT {
    static TlsRedisServer server;

    @Inject
    RedisInfoReader reader;

    @BeforeAll
    static void start() throws Exception {
        ApiAuth.useTestToken();
        server = new TlsRedisServer("tls-pass-" + UUID.randomUUID());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void readsInfoOverTlsWhenSelfSignedIsAllowed() {
        RedisInfo info = reader.read(UUID.randomUUID(), server.url(server.password), true).await().atMost(Duration.ofSeconds(10));
        assertTrue(info.usedMemory() > 0);
    }

    @Test
    void refusesASelfSignedCertificateUnlessTheUserOptedIn() {
        assertEquals("tls", failureOf(server.url(server.password), false));
    }

    @Test
    void aWrongPasswordOverTlsIsAnAuthFailure() {
        assertEquals("auth", failureOf(server.url("wrong"), true));
    }

    @Test
    void aRegisteredTlsInstanceIsPolled() {
        String id = given().contentType(ContentType.JSON).body("""
                        {"name": "tls-polled", "provider": "local", "redisUrl": "%s", "metricRateSeconds": 30,
                         "tlsAllowSelfSigned": true}
                        """.formatted(server.url(server.password)))
                .when().post("/api/v1/instances").then().statusCode(201)
                .body("tlsAllowSelfSigned", equalTo(true))
                .body(not(containsString(server.password)))
                .extract().path("id");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().when().get("/api/v1/instances/" + id).then().body("lastSample.status", equalTo("ok"))
                        .body("reachable", equalTo(true)));
        given().when().delete("/api/v1/instances/" + id).then().statusCode(204);
    }

    private String failureOf(String url, boolean allowSelfSigned) {
        Throwable failure = reader.read(UUID.randomUUID(), url, allowSelfSigned)
                .onItem().transform(i -> (Throwable) null).onFailure().recoverWithItem(t -> t)
                .await().atMost(Duration.ofSeconds(15));
        return ErrorClass.of(failure);
    }
}
