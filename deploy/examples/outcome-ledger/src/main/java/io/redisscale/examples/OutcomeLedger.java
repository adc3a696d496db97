package io.redisscale.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Appends every scale outcome of {@code autoscaler.scale-outcomes} to a CSV file, once.
 *
 * <p>At least once, shown plainly: a batch is written and forced to disk first, its offsets committed
 * after, so a crash in between brings the batch again; the ledger skips an {@code eventId} it already
 * holds (read back from the file at start). A record of a schema version this code does not know is set
 * aside in {@code <ledger>.rejected} with its position rather than misread (docs/events.md, "Versions").
 *
 * <p>Run: {@code KAFKA_BOOTSTRAP_SERVERS=... LEDGER_FILE=outcomes.csv java -cp ... io.redisscale.examples.OutcomeLedger};
 * {@code KAFKA_PREFIX} (Heroku multi-tenant) and {@code LEDGER_GROUP} (default {@code outcome-ledger}) optional.
 */
public final class OutcomeLedger implements AutoCloseable {
    static final String TOPIC = "autoscaler.scale-outcomes";
    static final String HEADER = "eventId,instanceId,status,skipReason,fromPlan,toPlan,startedAt,finishedAt,durationMs";
    private static final String VERSION_HEADER = "schema-version";
    private static final Set<String> KNOWN_VERSIONS = Set.of("1");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final Path ledger;
    private final Path rejected;
    private final Set<String> written = new HashSet<>();
    private long read;

    /** {@code kafka}: the client settings (bootstrap servers, security); {@code prefix}: KAFKA_PREFIX or "". */
    public OutcomeLedger(Map<String, Object> kafka, String prefix, String group, Path ledger) throws IOException {
        this.ledger = ledger;
        this.rejected = ledger.resolveSibling(ledger.getFileName() + ".rejected");
        if (Files.exists(ledger)) {
            for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
                if (!line.equals(HEADER) && !line.isBlank()) {
                    written.add(line.substring(0, line.indexOf(',')));
                }
            }
        } else {
            append(ledger, List.of(HEADER));
        }
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, prefix + group);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // committed after the file is forced
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(prefix + TOPIC));
    }

    /**
     * Polls once and appends the new outcomes; with {@code commit}, commits the batch once written (a test
     * passes false to crash between the two). Returns the rows written.
     */
    public int pollOnce(Duration timeout, boolean commit) throws IOException {
        List<String> rows = new java.util.ArrayList<>();
        List<String> setAside = new java.util.ArrayList<>();
        for (ConsumerRecord<String, String> r : consumer.poll(timeout)) {
            read++;
            Header version = r.headers().lastHeader(VERSION_HEADER);
            String v = version == null ? "" : new String(version.value(), StandardCharsets.UTF_8);
            if (!KNOWN_VERSIONS.contains(v)) {
                setAside.add(r.topic() + "," + r.partition() + "," + r.offset() + ",schema-version " + (v.isEmpty() ? "missing" : v));
                continue;
            }
            JsonNode o = JSON.readTree(r.value());
            String id = o.path("eventId").asText();
            if (written.add(id)) {
                rows.add(String.join(",", id, o.path("instanceId").asText(), o.path("status").asText(), text(o, "skipReason"),
                        text(o, "fromPlan"), text(o, "toPlan"), text(o, "startedAt"), text(o, "finishedAt"), o.path("durationMs").asText()));
            }
        }
        append(ledger, rows);
        append(rejected, setAside);
        if (commit) {
            consumer.commitSync();
        }
        return rows.size();
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? "" : v.asText().replace(',', ';');
    }

    /** Appends and forces the lines to disk: once this returns, a commit may follow. */
    private static void append(Path file, List<String> lines) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            out.write(java.nio.ByteBuffer.wrap((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
            out.force(true);
        }
    }

    /** Records read since start, duplicates and set-aside ones included. */
    public long read() {
        return read;
    }

    /** Makes a blocked {@link #pollOnce} return (from another thread: a shutdown hook). */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Map<String, Object> kafka = new HashMap<>();
        kafka.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"));
        // Any other KAFKA_X_Y (KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_JAAS_CONFIG, ...) is the client setting x.y.
        env.forEach((name, value) -> {
            if (name.startsWith("KAFKA_") && !name.equals("KAFKA_BOOTSTRAP_SERVERS") && !name.equals("KAFKA_PREFIX")) {
                kafka.put(name.substring(6).toLowerCase(java.util.Locale.ROOT).replace('_', '.'), value);
            }
        });
        try (OutcomeLedger ledger = new OutcomeLedger(kafka, env.getOrDefault("KAFKA_PREFIX", ""),
                env.getOrDefault("LEDGER_GROUP", "outcome-ledger"), Path.of(env.getOrDefault("LEDGER_FILE", "outcomes.csv")))) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                ledger.wakeup();
                try {
                    main.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            while (true) {
                ledger.pollOnce(Duration.ofSeconds(1), true);
            }
        } catch (WakeupException stopping) {
            // shut down: the last batch was committed or will come again
        }
    }
}
