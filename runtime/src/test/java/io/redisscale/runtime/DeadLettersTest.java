package io.redisscale.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The dead-letter tool reaches the broker the services reach, from the same variables. */
class DeadLettersTest {
    private static Properties client(Map<String, String> env) {
        return DeadLetters.fromEnvironment(env).client;
    }

    @Test
    void localBrokerByDefault() {
        Properties p = client(Map.of());
        assertEquals("127.0.0.1:9092", p.get("bootstrap.servers"));
        assertFalse(p.containsKey("security.protocol"));
    }

    @Test
    void herokuKafkaWithItsCertificates() {
        Properties p = client(Map.of("KAFKA_URL", "kafka+ssl://b-1.example.com:9096,kafka+ssl://b-2.example.com:9096",
                "KAFKA_TRUSTED_CERT", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"));
        assertEquals("b-1.example.com:9096,b-2.example.com:9096", p.get("bootstrap.servers"));
        assertEquals("SSL", p.get("security.protocol"));
        assertEquals("PEM", p.get("ssl.truststore.type"));
    }

    @Test
    void anyKafkaClientSettingAndAnExplicitBroker() {
        Properties p = client(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka.internal:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"));
        assertEquals("kafka.internal:9093", p.get("bootstrap.servers"));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
    }
}
