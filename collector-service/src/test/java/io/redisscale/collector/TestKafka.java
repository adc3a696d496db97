package io.redisscale.collector;

import io.redisscale.testsupport.TestInfra;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes an event onto the test broker (under this JVM's prefix) as another service would, and waits for the broker's ack. */
public final class TestKafka {
    public static void send(String bootstrap, String topic, String key, String json) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TestInfra.own().topic(topic), key, json)).get(30, TimeUnit.SECONDS);
        }
    }

    private TestKafka() {}
}
