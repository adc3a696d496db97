package io.redisscale.decision.backtest;

import io.redisscale.decision.DecisionConfig;
import io.redisscale.decision.policy.PolicyFixtures;
import io.redisscale.testsupport.TestInfra;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Events;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Topics;
import io.redisscale.testsupport.ApiAuth;
import io.redisscale.testsupport.TestInfraResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The what-if API replays a posted trace through the backtester on the live catalog: the CLI's figures, as JSON. */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class WhatIfIT {
    private static final Path TRACE = Path.of("..", "samples", "traces", "synthetic-bursts.csv");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    /** Each test on the rediscloud catalog, whichever runs first: it arrives through the plans topic. */
    @BeforeEach
    void catalog() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer())) {
            for (var p : PolicyFixtures.CATALOG) {
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.PLANS), p.name(), Events.write(p))).get();
            }
        }
        // Wait until the service knows it.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().contentType("text/csv")
                .body("timestamp,used_memory,connected_clients\n0,5,1\n").queryParam("service", "rediscloud").post("/api/v1/what-if")
                .then().statusCode(200));
    }

    @jakarta.inject.Inject
    WhatIfSlots slots;

    /** Runs beyond the allowed number are answered 429 with Retry-After at once, and the slot comes back after each run. */
    @Test
    void runsBeyondTheAllowedNumberWaitTheirTurn() {
        String csv = "timestamp,used_memory,connected_clients\n0,5,1\n30,5,1\n";
        int taken = 0;
        while (slots.tryTake()) { // as if every allowed run were going on
            taken++;
        }
        try {
            given().contentType("text/csv").body(csv).queryParam("service", "rediscloud").post("/api/v1/what-if").then()
                    .statusCode(429).header("Retry-After", "5").contentType("application/problem+json");
        } finally {
            for (int i = 0; i < taken; i++) {
                slots.give();
            }
        }
        for (int i = 0; i < taken + 1; i++) { // each run gives its slot back
            given().contentType("text/csv").body(csv).queryParam("service", "rediscloud").post("/api/v1/what-if").then().statusCode(200);
        }
    }

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry meters;
    /** A caller that hangs up mid-run ends the run: its slot comes back at once, not after the whole trace. */
    @Test
    void aRunWhoseCallerHasGoneStops() throws Exception {
        StringBuilder csv = new StringBuilder("timestamp,used_memory,connected_clients\n");
        for (int i = 0; i < WhatIfResource.MAX_ROWS; i++) { // the longest run allowed: a daily wave
            csv.append(i * 30L).append(',').append(40_000_000L + (long) (30_000_000 * Math.sin(i / 460.0))).append(",10\n");
        }
        byte[] body = csv.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        io.micrometer.core.instrument.Counter stopped = meters.counter("autoscaler.what_if.stopped");
        double before = stopped.count();
        int free = slots.available();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            var out = socket.getOutputStream();
            out.write(("POST /api/v1/what-if?service=rediscloud HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ApiAuth.TOKEN
                    + "\r\nContent-Type: text/csv\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5)).until(() -> slots.available() < free);
        } // hung up while it runs
        await().atMost(Duration.ofSeconds(30)).until(() -> slots.available() == free);
        assertEquals(before + 1, stopped.count(), "the run ended early");
    }

    @Test
    void aPostedTraceCostsWhatTheBacktesterSays() throws Exception {
        String csv = Files.readString(TRACE);
        var body = given().contentType("text/csv").body(csv).queryParam("service", "rediscloud")
                .queryParam("memoryThreshold", 80).post("/api/v1/what-if").then().statusCode(200)
                .body("policies.name", equalTo(List.of("autoscaler", "static-peak", "original", "hourly-oracle", Backtest.BOUND, Backtest.SAFE)))
                .body("plans.name", hasItem("rediscloud:100")).extract().jsonPath();

        Backtest.Options o = new Backtest.Options(TRACE, Path.of("rediscloud"), 80, 80,
                DecisionConfig.load(Map.of()).policy().changeLatency().toSeconds(), InstanceConfig.DEFAULT_METRIC_RATE_SECONDS,
                InstanceConfig.DEFAULT_SCALING_RATE_SECONDS, null, null,
                DecisionConfig.load(Map.of()).policy(), null);
        // Against the catalog the service used (other tests on the broker may have published rediscloud plans too).
        List<io.redisscale.events.Plan> used = body.getList("plans", Map.class).stream()
                .map(m -> Events.read(Events.write(m), io.redisscale.events.Plan.class)).toList();
        List<Backtest.Result> expected = Backtest.run(Trace.read(TRACE), used, o);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).score().costUsd(), body.getDouble("policies[" + i + "].cost_usd"), 1e-6,
                    expected.get(i).name());
            assertEquals(expected.get(i).score().planChanges(), body.getInt("policies[" + i + "].plan_changes"));
        }
    }

    @Test
    void aBadTraceOrSettingIsAProblemNamingTheField() {
        given().contentType("text/csv").body("timestamp,used_memory,connected_clients\n10,5,1\n5,6,1\n")
                .queryParam("service", "rediscloud").queryParam("memoryThreshold", 150).post("/api/v1/what-if").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("memoryThreshold", "trace")))
                .body("errors[1].message", containsString("time goes backwards"));
        given().contentType("text/csv").body("timestamp,used_memory,connected_clients\n10,5,1\n")
                .queryParam("service", "nosuch").post("/api/v1/what-if").then()
                .statusCode(400).body("errors[0].field", equalTo("service"));
        // Bounded work: no faster than production polls, no more rows than a run of a few seconds.
        given().contentType("text/csv").body("timestamp,used_memory,connected_clients\n0,5,1\n30,5,1\n")
                .queryParam("service", "rediscloud").queryParam("metricRate", 1).post("/api/v1/what-if").then()
                .statusCode(400).body("errors[0].field", equalTo("metricRate"));
        StringBuilder many = new StringBuilder("timestamp,used_memory,connected_clients\n");
        for (int i = 0; i <= WhatIfResource.MAX_ROWS; i++) {
            many.append(i * 30L).append(",5,1\n");
        }
        given().contentType("text/csv").body(many.toString()).queryParam("service", "rediscloud").post("/api/v1/what-if").then()
                .statusCode(400).body("errors[0].field", equalTo("trace")).body("errors[0].message", containsString("at most"));
    }

    /** A schedule tried on history: the same trace with a floor over two hours a day costs more, and a bad one is refused. */
    @Test
    void aScheduleIsTriedOnAPostedTrace() throws Exception {
        String csv = Files.readString(TRACE);
        String floor = """
                {"timeZone": "UTC", "ranges": [{"name": "batch", "days": ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"],
                 "from": "02:00", "to": "04:00", "minPlan": "rediscloud:5000"}]}""";
        double without = given().contentType("text/csv").body(csv).queryParam("service", "rediscloud").post("/api/v1/what-if")
                .then().statusCode(200).extract().jsonPath().getDouble("policies[0].cost_usd");
        double with = given().contentType("text/csv").body(csv).queryParam("service", "rediscloud").queryParam("schedule", floor)
                .post("/api/v1/what-if").then().statusCode(200).body("policies[0].name", equalTo("autoscaler"))
                .extract().jsonPath().getDouble("policies[0].cost_usd");
        assertTrue(with > without, with + " against " + without);

        given().contentType("text/csv").body(csv).queryParam("service", "rediscloud")
                .queryParam("schedule", "{\"ranges\": [{\"days\": [\"MON\"], \"from\": \"02:00\", \"to\": \"02:00\", \"minPlan\": \"rediscloud:100\"}]}")
                .post("/api/v1/what-if").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("schedule.ranges[0].to")).body("errors[0].message", containsString("must differ"));
        given().contentType("text/csv").body(csv).queryParam("service", "rediscloud").queryParam("schedule", "{not json")
                .post("/api/v1/what-if").then().statusCode(400).body("errors[0].field", equalTo("schedule"));
    }
}
