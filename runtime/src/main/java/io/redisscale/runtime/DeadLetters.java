package io.redisscale.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Dead letters are not a grave: {@code ./autoscaler dlq list|show|replay} lists the records the services'
 * consumers refused (topics {@code autoscaler.dlq.<service>}), shows one with the reason SmallRye wrote
 * in its headers, and sends chosen ones back to the topic they came from once the cause is fixed
 * (consumers deduplicate by event id, so a replay is handled once).
 */
public final class DeadLetters {
    static final String PREFIX = "autoscaler.dlq.";
    /** The settings every client of the tool starts from: the brokers, and SSL or SASL where the environment says so. */
    final Properties client;
    private final KafkaNames names;

    /** One dead letter: where it lies, where it came from, and why. */
    public record Letter(String topic, int partition, long offset, String key, String value, Map<String, String> headers) {
        public String id() {
            return topic + "/" + partition + "/" + offset;
        }

        public String source() {
            return headers.getOrDefault("dead-letter-topic", "?");
        }

        public String reason() {
            return headers.getOrDefault("dead-letter-reason", "");
        }
    }

    public DeadLetters(String bootstrap) {
        this(fromEnvironment(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap)).client, KafkaNames.of(""));
    }

    DeadLetters(Properties client, KafkaNames names) {
        this.client = client;
        this.names = names;
    }

    /**
     * The tool as the services are configured, from the same variables: KAFKA_BOOTSTRAP_SERVERS or Heroku's
     * KAFKA_URL with its certificates, any KAFKA_X_Y client setting (SASL, say), and KAFKA_PREFIX.
     */
    public static DeadLetters fromEnvironment(Map<String, String> env) {
        Map<String, String> platform = io.redisscale.runtime.config.PlatformEnv.properties(env,
                io.redisscale.runtime.config.PlatformConfigSource.kafkaSettings());
        Properties client = new Properties();
        client.put("bootstrap.servers", env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
        platform.forEach((key, value) -> {
            if (key.startsWith("kafka.")) {
                client.put(key.substring("kafka.".length()), value);
            }
        });
        return new DeadLetters(client, KafkaNames.of(platform.get(KafkaNames.PREFIX_PROPERTY)));
    }

    /** Every dead letter of every service (or of the topics named), oldest first per partition. */
    public List<Letter> list(List<String> topics) throws Exception {
        List<String> wanted = topics.isEmpty() ? dlqTopics() : topics.stream().map(names::topic).toList();
        List<Letter> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = consumer()) {
            List<TopicPartition> parts = new ArrayList<>();
            for (String t : wanted) {
                c.partitionsFor(t).forEach(p -> parts.add(new TopicPartition(t, p.partition())));
            }
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> ends = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            while (parts.stream().anyMatch(p -> c.position(p) < ends.get(p)) && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    out.add(letter(r));
                }
            }
        }
        return out;
    }

    /** The dead letter at {@code topic/partition/offset}. */
    public Letter show(String id) throws Exception {
        String[] at = id.split("/");
        if (at.length != 3) {
            throw new IllegalArgumentException("a dead letter is named topic/partition/offset, as 'list' prints it");
        }
        TopicPartition tp = new TopicPartition(at[0], Integer.parseInt(at[1]));
        long offset = Long.parseLong(at[2]);
        try (KafkaConsumer<String, String> c = consumer()) {
            c.assign(List.of(tp));
            c.seek(tp, offset);
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (r.offset() == offset) {
                        return letter(r);
                    }
                }
            }
        }
        throw new IllegalArgumentException("no dead letter at " + id);
    }

    /** Sends the dead letter back to the topic it came from, with its key; returns where it went. */
    public String replay(String id) throws Exception {
        Letter l = show(id);
        if (!l.headers().containsKey("dead-letter-topic")) {
            throw new IllegalArgumentException(id + " does not say which topic it came from (no dead-letter-topic header)");
        }
        Properties p = new Properties();
        p.putAll(client);
        p.put("acks", "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> again = new ProducerRecord<>(l.source(), l.key(), l.value());
            again.headers().add("replayed-from", id.getBytes(StandardCharsets.UTF_8));
            var sent = producer.send(again).get();
            return sent.topic() + "/" + sent.partition() + "/" + sent.offset();
        }
    }

    private List<String> dlqTopics() throws Exception {
        String dlq = names.topic(PREFIX);
        try (Admin admin = Admin.create(client)) {
            return admin.listTopics().names().get().stream().filter(t -> t.startsWith(dlq)).sorted().toList();
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, names.group("dlq-tool-" + UUID.randomUUID()));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private static Letter letter(ConsumerRecord<String, String> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new Letter(r.topic(), r.partition(), r.offset(), r.key(), r.value(), headers);
    }

    /** {@code list [TOPIC...] | show ID | replay ID...}; the broker and its settings from the environment, as the services read it. */
    public static void main(String[] args) throws Exception {
        DeadLetters dlq = fromEnvironment(System.getenv());
        String verb = args.length == 0 ? "list" : args[0];
        List<String> rest = args.length <= 1 ? List.of() : List.of(args).subList(1, args.length);
        try {
            switch (verb) {
                case "list" -> {
                    List<Letter> all = dlq.list(rest);
                    all.forEach(l -> System.out.printf("%-40s from %s-%s@%s  key %s  %s%n", l.id(), l.source(),
                            l.headers().getOrDefault("dead-letter-partition", "?"), l.headers().getOrDefault("dead-letter-offset", "?"),
                            l.key(), l.reason()));
                    System.out.println(all.size() + " dead letter(s)");
                }
                case "show" -> {
                    Letter l = dlq.show(rest.isEmpty() ? "" : rest.get(0));
                    l.headers().forEach((k, v) -> System.out.println(k + ": " + v));
                    System.out.println("key: " + l.key());
                    System.out.println();
                    System.out.println(l.value());
                }
                case "replay" -> {
                    if (rest.isEmpty()) {
                        throw new IllegalArgumentException("replay takes the ids 'list' prints");
                    }
                    for (String id : rest) {
                        System.out.println(id + " -> " + dlq.replay(id));
                    }
                }
                default -> throw new IllegalArgumentException("usage: dlq list [TOPIC...] | show ID | replay ID...");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("dlq: " + e.getMessage());
            System.exit(2);
        }
    }
}
