package io.redisscale.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The clients the services build take the channels' kafka.* settings, security included, under their own. */
class KafkaClientsTest {
    private static final KafkaClients CLIENTS = new KafkaClients(new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
            "kafka.bootstrap.servers", "broker-1:9096,broker-2:9096",
            "kafka.security.protocol", "SASL_SSL",
            "kafka.sasl.mechanism", "SCRAM-SHA-512",
            "kafka.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
            "kafka.ssl.truststore.type", "PEM",
            "kafka.group.id", "someone-elses",
            "kafka.acks", "0",
            "unrelated.key", "x"), "test", 100)).build());

    @Test
    void securitySettingsReachEveryClient() {
        for (Map<String, Object> m : new Map[] {CLIENTS.admin(Map.of()), CLIENTS.consumer(Map.of()), CLIENTS.producer(Map.of())}) {
            assertEquals("broker-1:9096,broker-2:9096", m.get("bootstrap.servers"));
            assertEquals("SASL_SSL", m.get("security.protocol"));
            assertEquals("SCRAM-SHA-512", m.get("sasl.mechanism"));
            assertEquals("PEM", m.get("ssl.truststore.type"));
        }
    }

    @Test
    void onlyWhatTheClientKnowsAndItsOwnSettingsWin() {
        assertFalse(CLIENTS.admin(Map.of()).containsKey("group.id"), "an admin client has no group");
        assertFalse(CLIENTS.admin(Map.of()).containsKey("acks"));
        assertEquals("mine", CLIENTS.consumer(Map.of("group.id", "mine")).get("group.id"));
        assertEquals("all", CLIENTS.producer(Map.of("acks", "all")).get("acks"));
    }
}
