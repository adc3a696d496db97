package io.redisscale.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KafkaNamesTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            // prefix, system name, broker name
            "null, autoscaler.metrics, autoscaler.metrics",
            "'', autoscaler.metrics, autoscaler.metrics",
            "wabash-58799., autoscaler.metrics, wabash-58799.autoscaler.metrics",
            "wabash-58799., wabash-58799.autoscaler.metrics, wabash-58799.autoscaler.metrics", // never twice
    })
    void topicsAndGroupsCarryThePrefix(String prefix, String name, String broker) {
        KafkaNames names = KafkaNames.of(prefix);
        assertEquals(broker, names.topic(name));
        assertEquals(broker, names.group(name));
        assertEquals(name.substring(name.indexOf("autoscaler")), names.logical(broker));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            // property, value, prefix, what the service reads
            "mp.messaging.incoming.metrics-in.topic, autoscaler.metrics, p1., p1.autoscaler.metrics",
            "mp.messaging.connector.smallrye-kafka.group.id, decision-service, p1., p1.decision-service",
            "mp.messaging.incoming.outcomes-in.group.id, collector-service, p1., p1.collector-service",
            "mp.messaging.connector.smallrye-kafka.dead-letter-queue.topic, autoscaler.dlq.x, p1., p1.autoscaler.dlq.x",
            "mp.messaging.incoming.metrics-in.topic, autoscaler.metrics, null, autoscaler.metrics",
            "mp.messaging.incoming.metrics-in.auto.offset.reset, earliest, p1., earliest", // not a name
            "kafka.group.id, other, p1., other", // not a channel setting
    })
    void channelSettingsReadWithThePrefix(String property, String value, String prefix, String read) {
        Map<String, String> props = new java.util.HashMap<>(Map.of(property, value));
        if (prefix != null) {
            props.put(KafkaNames.PREFIX_PROPERTY, prefix);
        }
        SmallRyeConfig config = new SmallRyeConfigBuilder().withInterceptors(new KafkaNamesInterceptor())
                .withSources(new MapBackedConfigSource("test", props) {}).build();
        assertEquals(read, config.getValue(property, String.class));
    }
}
