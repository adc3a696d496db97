package io.redisscale.decision;

import io.redisscale.decision.policy.PolicyFixtures;
import io.redisscale.decision.state.InstanceStates;
import io.redisscale.testsupport.TestInfra;

import io.redisscale.testsupport.ApiAuth;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Events;
import io.redisscale.events.InstanceConfig;
import io.redisscale.testsupport.InstanceFixtures;
import io.redisscale.events.MetricSample;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.Topics;
import io.redisscale.testsupport.TestInfraResource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The decision service on the real broker and database: samples in, a command (or, in dry run, none) out. */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class DecisionFlowIT {
    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry meters;
    @jakarta.inject.Inject
    InstanceStates states;
    @org.junit.jupiter.api.BeforeAll
    static void token() {
        ApiAuth.useTestToken();
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void aSustainedBreachBecomesACommandAndADryRunOnlyARecord() throws Exception {
        UUID acting = UUID.randomUUID();
        UUID dryRun = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer())) {
            for (var p : PolicyFixtures.CATALOG) {
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.PLANS), p.name(), Events.write(p))).get();
            }
            for (UUID id : List.of(acting, dryRun)) {
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.INSTANCES), id.toString(), Events.write(config(id, id.equals(dryRun))))).get();
            }
            Instant start = Instant.now();
            for (UUID id : List.of(acting, dryRun)) {
                // Observed for more than a day (on a first day a sample over the threshold scales up at once: RiseCalendar).
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(), Events.write(
                        sample(id, start.minus(Duration.ofHours(24).plusMinutes(30)), 10_000_000L)))).get();
                for (int i = 2; i >= 1; i--) {
                    producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(), Events.write(sample(id, start.minusSeconds(30L * i))))).get();
                }
            }
            // A fresh sample per round until the configuration has been read and the breach judged.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                for (UUID id : List.of(acting, dryRun)) {
                    producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(), Events.write(sample(id, Instant.now())))).get();
                }
                given().when().get("/api/v1/instances/" + acting + "/decisions").then()
                        .body("[0].action", equalTo("up")).body("[0].toPlan", equalTo("rediscloud:100"))
                        .body("[0].reasonCode", equalTo("sustained_breach"));
            });
        }
        List<ScaleCommand> commands = commands();
        assertTrue(commands.stream().anyMatch(c -> c.instanceId().equals(acting) && c.toPlan().equals("rediscloud:100")
                && c.reasonCode() == io.redisscale.events.ReasonCode.sustained_breach));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/api/v1/instances/" + dryRun + "/decisions").then()
                        .body("[0].action", equalTo("up")).body("[0].commandId", nullValue())
                        .body("[0].note", containsString("dry run")));
        assertEquals(0, commands().stream().filter(c -> c.instanceId().equals(dryRun)).count());
        // Counted by action and reason code (both instances decided up; the dry run's decision too).
        assertTrue(meters.get("autoscaler.decisions").tags("action", "up", "reason", "sustained_breach").counter().count() >= 2);
        // The dry run's "would move" is an alert of its own kind, not a threshold breach.
        await().atMost(Duration.ofSeconds(30)).until(() -> alerts(dryRun).contains(io.redisscale.events.Alert.Kind.would_scale));
    }

    /**
     * Samples taken on the old plan can reach the service after the change's outcome (held up by a
     * broker outage, or polled before the collector heard of the change): they ask for nothing again.
     */
    @Test
    void samplesOnTheOldPlanAfterASucceededChangeAskForNothingMore() throws Exception {
        UUID id = UUID.randomUUID();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer());
             io.redisscale.testsupport.TopicTail commands = new io.redisscale.testsupport.TopicTail(kafka, TestInfra.own().kafkaPrefix(), Topics.SCALE_COMMANDS)) {
            for (var p : PolicyFixtures.CATALOG) {
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.PLANS), p.name(), Events.write(p))).get();
            }
            producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.INSTANCES), id.toString(), Events.write(config(id, false)))).get();
            for (int i = 2; i >= 1; i--) { // the up window's worth of breach
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(), Events.write(sample(id, Instant.now().minusSeconds(30L * i))))).get();
            }
            ScaleCommand command = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(), Events.write(sample(id, Instant.now())))).get();
                return mine(commands, id).stream().findFirst().orElse(null);
            }, c -> c != null);
            // Every event carries its schema's version (docs/events.md, "Versions"), the command too.
            org.apache.kafka.common.header.Header version = commands.records().stream()
                    .filter(r -> r.value().contains(command.commandId().toString())).findFirst().orElseThrow()
                    .headers().lastHeader(Topics.SCHEMA_VERSION_HEADER);
            assertEquals(String.valueOf(Topics.schemaVersion(Topics.SCALE_COMMANDS).orElseThrow()),
                    new String(version.value(), java.nio.charset.StandardCharsets.UTF_8));
            producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.SCALE_OUTCOMES), id.toString(), Events.write(new io.redisscale.events.ScaleOutcome(
                    UUID.randomUUID(), command.commandId(), id, io.redisscale.events.ScaleOutcome.Status.succeeded, null,
                    command.fromPlan(), command.toPlan(), "provisioned", Instant.now().minusSeconds(2), Instant.now(), 1000, null, null)))).get();
            await().atMost(Duration.ofSeconds(30)).until(() -> io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() ->
                    states.find(id).map(st -> st.lastChangeAt != null).orElse(false)));
            // Late samples on rediscloud:30, still over its threshold: redelivered ones taken before the
            // change finished, and ones polled after it; then the first on rediscloud:100.
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(), Events.write(sample(id,
                        command.decidedAt().plusMillis(100L * i))))).get();
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(), Events.write(sample(id, Instant.now())))).get();
            }
            producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(), Events.write(new MetricSample(UUID.randomUUID(), id,
                    Instant.now(), MetricSample.Status.ok, null, 27_000_000L, 2, "rediscloud:100", 100_000_000L, 256,
                    100_000_000L, 256, 0L, 0L)))).get();
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15)).until(() -> mine(commands, id).size() == 1);
        }
    }

    /**
     * A schedule travels in the instance's settings and the service applies it: a range holding now with a minimum
     * plan moves a lightly loaded instance up to it, reason code {@code schedule}, naming the range.
     */
    @Test
    void aScheduledMinimumIsReachedWhateverTheLoad() throws Exception {
        UUID id = UUID.randomUUID();
        java.time.format.DateTimeFormatter hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm").withZone(java.time.ZoneOffset.UTC);
        Instant now = Instant.now();
        InstanceConfig scheduled = InstanceFixtures.local("flow-" + id).id(id).schedule(new io.redisscale.events.PlanSchedule("UTC",
                List.of(new io.redisscale.events.PlanSchedule.Range("nightly batch", List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"),
                        null, hhmm.format(now.minusSeconds(3600)), hhmm.format(now.plusSeconds(7200)), null, null, "rediscloud:250", null))))
                .build();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer());
             io.redisscale.testsupport.TopicTail commands = new io.redisscale.testsupport.TopicTail(kafka, TestInfra.own().kafkaPrefix(), Topics.SCALE_COMMANDS)) {
            for (var p : PolicyFixtures.CATALOG) {
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.PLANS), p.name(), Events.write(p))).get();
            }
            producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.INSTANCES), id.toString(), Events.write(scheduled))).get();
            ScaleCommand command = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                producer.send(new ProducerRecord<>(TestInfra.own().topic(Topics.METRICS), id.toString(),
                        Events.write(sample(id, Instant.now(), 3_000_000L)))).get(); // 10% of rediscloud:30
                return mine(commands, id).stream().findFirst().orElse(null);
            }, c -> c != null);
            assertEquals("rediscloud:250", command.toPlan());
            assertEquals(io.redisscale.events.ReasonCode.schedule, command.reasonCode());
            assertTrue(command.reason().contains("nightly batch"), command.reason());
        }
    }

    private static List<ScaleCommand> mine(io.redisscale.testsupport.TopicTail commands, UUID id) {
        return commands.values().stream().map(v -> Events.read(v, ScaleCommand.class)).filter(c -> c.instanceId().equals(id)).toList();
    }

    private List<io.redisscale.events.Alert.Kind> alerts(UUID id) {
        return read(Topics.ALERTS, io.redisscale.events.Alert.class).stream()
                .filter(a -> a.instanceId().equals(id)).map(io.redisscale.events.Alert::kind).toList();
    }

    private List<ScaleCommand> commands() {
        return read(Topics.SCALE_COMMANDS, ScaleCommand.class);
    }

    private <T> List<T> read(String topic, Class<T> type) {
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(TestInfra.own().topic(topic)));
            List<T> out = new ArrayList<>();
            long until = System.currentTimeMillis() + 5000;
            while (System.currentTimeMillis() < until) {
                c.poll(Duration.ofMillis(500)).forEach(r -> out.add(Events.read(r.value(), type)));
            }
            return out;
        }
    }

    private static InstanceConfig config(UUID id, boolean dryRun) {
        return InstanceFixtures.local("flow-" + id).id(id).dryRun(dryRun).build();
    }

    private static MetricSample sample(UUID id, Instant at) {
        return sample(id, at, 27_000_000L);
    }

    private static MetricSample sample(UUID id, Instant at, long usedMemory) {
        return new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, usedMemory, 2,
                "rediscloud:30", 30_000_000L, 30, 30_000_000L, 30, 0L, 0L);
    }
}
