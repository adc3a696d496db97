package io.redisscale.collector.registry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Events;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Keyring;
import io.redisscale.runtime.SealedSecret;
import io.redisscale.testsupport.ApiAuth;
import io.redisscale.testsupport.TestInfra;
import io.redisscale.testsupport.TopicTail;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A key rotation: the test profile's current key is {@code test-secret} and {@code old-test-secret} is kept as
 * an old one. URLs the old key sealed are re-sealed under the current key and published anew; one no key of the
 * ring opens stays as it is and is counted.
 */
@QuarkusTest
class ResealerIT {
    static final String URL = "redis://:secret-pass@127.0.0.1:1";
    @Inject
    Instances instances;
    @Inject
    Resealer resealer;
    @Inject
    Keyring keys;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @Test
    void urlsUnderAnOldKeyAreResealedUnderTheCurrentOneAndPublished() {
        UUID old = registeredWith("rotated-old", new SealedSecret(Keyring.of("old-test-secret")).seal(URL));
        UUID foreign = registeredWith("rotated-foreign", new SealedSecret("another deployment's key").seal(URL));
        UUID current = registeredWith("rotated-current", null);
        String currentBefore = sealed(current);
        try {
            Resealer.Status before = resealer.status();
            assertEquals(keys.current().id(), before.currentKeyId());
            assertTrue(before.underOldKeys() >= 2, before.toString());
            given().when().get("/api/v1/keys").then().statusCode(200)
                    .body("currentKeyId", equalTo(keys.current().id()))
                    .body("sealedByKey." + Keyring.of("old-test-secret").current().id(), equalTo(1));

            given().header("Authorization", "Bearer viewer-token").when().post("/api/v1/keys/reseal").then().statusCode(403);
            given().when().post("/api/v1/keys/reseal").then().statusCode(200).body("underOldKeys", equalTo((int) before.underOldKeys() - 1));

            SealedSecret ring = new SealedSecret(keys);
            assertTrue(ring.sealedUnderCurrentKey(sealed(old)), "re-sealed under the current key");
            assertEquals(URL, instances.openUrl(sealed(old)));
            assertEquals(currentBefore, sealed(current), "a value under the current key is left alone");
            assertFalse(ring.sealedUnderCurrentKey(sealed(foreign)), "no key of the ring opens it: left as it was");
            assertEquals(1, resealer.resealAll(), "only the unreadable one remains");

            try (TopicTail tail = new TopicTail(kafka, TestInfra.own().kafkaPrefix(), Topics.INSTANCES)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> tail.records().stream()
                        .filter(r -> r.key().equals(old.toString()) && r.value() != null)
                        .map(r -> Events.read(r.value(), InstanceConfig.class).sealedRedisUrl())
                        .anyMatch(s -> s.equals(sealed(old))));
            }
        } finally {
            instances.delete(old);
            instances.delete(foreign);
            instances.delete(current);
        }
    }

    private UUID registeredWith(String name, String sealedUrl) {
        return QuarkusTransaction.requiringNew().call(() -> {
            InstanceEntity e = instances.create(Requests.local(name, URL).build(), false);
            if (sealedUrl != null) {
                e.redisUrlSealed = sealedUrl;
            }
            return e.id;
        });
    }

    private static String sealed(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> InstanceEntity.<InstanceEntity>findById(id).redisUrlSealed);
    }
}
