package io.redisscale.collector.polling;

import io.redisscale.collector.registry.Instances;
import io.redisscale.collector.registry.Requests;
import io.redisscale.testsupport.TestInfra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Alert;
import io.redisscale.events.Events;
import io.redisscale.events.Topics;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An outage is told once: `unreachable` with its error class after the configured number of failed
 * polls in a row (3), then `back_to_normal` when the Redis answers; on the real broker.
 */
@QuarkusTest
class ReachabilityAlertsIT {
    @Inject
    SampleRecorder recorder;
    @Inject
    Instances instances;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void oneUnreachableAlertPerOutageThenBackToNormal() {
        UUID id = instances.create(Requests.local("outage", "redis://127.0.0.1:1").metricRateSeconds(300).build(), false).id;
        try (KafkaConsumer<String, String> alerts = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka,
                "group.id", "alerts-" + UUID.randomUUID()), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> parts = alerts.partitionsFor(TestInfra.own().topic(Topics.ALERTS)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            alerts.assign(parts);
            alerts.seekToEnd(parts);
            parts.forEach(alerts::position);

            Instant t = Instant.now();
            for (int i = 0; i < 5; i++) {
                recorder.failed(id, t.plusSeconds(i), "timeout");
            }
            recorder.succeeded(id, t.plusSeconds(5), RedisInfo.parse("used_memory:1000\r\nconnected_clients:3\r\n"));
            recorder.succeeded(id, t.plusSeconds(6), RedisInfo.parse("used_memory:1000\r\nconnected_clients:3\r\n"));

            List<Alert> mine = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (System.nanoTime() < until && mine.size() < 2) {
                for (ConsumerRecord<String, String> r : alerts.poll(Duration.ofMillis(300))) {
                    Alert a = Events.read(r.value(), Alert.class);
                    if (a.instanceId().equals(id)) {
                        mine.add(a);
                    }
                }
            }
            for (ConsumerRecord<String, String> r : alerts.poll(Duration.ofSeconds(2))) { // nothing more comes
                Alert a = Events.read(r.value(), Alert.class);
                if (a.instanceId().equals(id)) {
                    mine.add(a);
                }
            }
            assertEquals(List.of(Alert.Kind.unreachable, Alert.Kind.back_to_normal), mine.stream().map(Alert::kind).toList(),
                    mine.toString());
            assertEquals("outage unreachable (timeout) for 3 consecutive polls", mine.get(0).detail());
        } finally {
            instances.delete(id);
        }
    }
}
