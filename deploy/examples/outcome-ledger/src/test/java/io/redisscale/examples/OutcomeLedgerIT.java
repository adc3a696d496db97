package io.redisscale.examples;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.redisscale.events.Events;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import io.redisscale.testsupport.TestInfra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example integration on the real broker: real outcomes (as the actuator writes them, with their
 * schema-version header) under a prefix of the test's own; a crash between writing and committing brings
 * the batch again and the ledger still holds each outcome once; a redelivered event is written once; a
 * record of an unknown schema version is set aside, not misread; a committed batch is not read again.
 */
class OutcomeLedgerIT {
    @TempDir
    Path dir;

    @Test
    void everyOutcomeOnceThroughACrashARedeliveryAndAnUnknownVersion() throws Exception {
        String kafka = TestInfra.endpoints().kafka();
        String prefix = "ledger-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(prefix + Topics.SCALE_OUTCOMES, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        UUID instance = UUID.randomUUID();
        List<ScaleOutcome> outcomes = new ArrayList<>();
        Instant at = Instant.parse("2026-11-27T10:00:00Z");
        outcomes.add(new ScaleOutcome(UUID.randomUUID(), UUID.randomUUID(), instance, ScaleOutcome.Status.succeeded, null,
                "rediscloud:30", "rediscloud:100", "memory 92%", at, at.plusSeconds(40), 40_000, null, null));
        outcomes.add(new ScaleOutcome(UUID.randomUUID(), UUID.randomUUID(), instance, ScaleOutcome.Status.skipped,
                ScaleOutcome.SkipReason.dry_run, "rediscloud:100", "rediscloud:30", "fits, cheaper", at.plusSeconds(600),
                at.plusSeconds(600), 0, "dry run", null));
        outcomes.add(new ScaleOutcome(UUID.randomUUID(), UUID.randomUUID(), instance, ScaleOutcome.Status.failed, null,
                "rediscloud:100", "rediscloud:250", "trend", at.plusSeconds(900), at.plusSeconds(960), 60_000, "Heroku: 503, plan unchanged", null));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer())) {
            for (ScaleOutcome o : outcomes) {
                producer.send(record(prefix, o, "1")).get();
            }
            producer.send(record(prefix, outcomes.get(0), "1")).get(); // the outbox sent it again after a crash
            producer.send(record(prefix, outcomes.get(1), "2")).get(); // a version this consumer does not know
        }
        Path csv = dir.resolve("outcomes.csv");
        String group = "outcome-ledger";
        Map<String, Object> settings = Map.of("bootstrap.servers", kafka);

        // Written but not committed: the process dies here.
        try (OutcomeLedger crashing = new OutcomeLedger(settings, prefix, group, csv)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                crashing.pollOnce(Duration.ofMillis(500), false);
                return rows(csv).size() == 3;
            });
        }
        // Restarted: the batch comes again, nothing is written twice; then committed.
        try (OutcomeLedger restarted = new OutcomeLedger(settings, prefix, group, csv)) {
            int[] again = {0};
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                again[0] += restarted.pollOnce(Duration.ofMillis(500), true);
                return restarted.read() >= 5; // all five records came again
            });
            assertEquals(0, again[0]);
        }
        List<String> rows = rows(csv);
        assertEquals(3, rows.size(), String.join("\n", rows));
        for (ScaleOutcome o : outcomes) {
            assertEquals(1, rows.stream().filter(r -> r.startsWith(o.eventId() + ",")).count(), o.eventId().toString());
        }
        assertTrue(rows.contains(String.join(",", outcomes.get(2).eventId().toString(), instance.toString(), "failed", "",
                "rediscloud:100", "rediscloud:250", "2026-11-27T10:15:00Z", "2026-11-27T10:16:00Z", "60000")), String.join("\n", rows));
        assertEquals(OutcomeLedger.HEADER, Files.readAllLines(csv).get(0));
        List<String> rejected = Files.readAllLines(dir.resolve("outcomes.csv.rejected"));
        assertTrue(rejected.stream().allMatch(r -> r.endsWith("schema-version 2")) && !rejected.isEmpty(), String.join("\n", rejected));
        // Committed after the restart: the group's offset is past all five, so the next start reads nothing.
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            var offsets = admin.listConsumerGroupOffsets(prefix + group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            assertEquals(5, offsets.get(new org.apache.kafka.common.TopicPartition(prefix + Topics.SCALE_OUTCOMES, 0)).offset());
        }
        assertEquals(3, rows(csv).size());
    }

    private static ProducerRecord<String, String> record(String prefix, ScaleOutcome o, String version) {
        ProducerRecord<String, String> r = new ProducerRecord<>(prefix + Topics.SCALE_OUTCOMES, o.instanceId().toString(), Events.write(o));
        r.headers().add(Topics.SCHEMA_VERSION_HEADER, version.getBytes(StandardCharsets.UTF_8));
        return r;
    }

    private static List<String> rows(Path csv) throws java.io.IOException {
        return Files.readAllLines(csv).stream().skip(1).filter(l -> !l.isBlank()).toList();
    }
}
