package io.redisscale.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisscale.events.Events;
import io.redisscale.events.MetricSample;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import io.redisscale.runtime.OutboxRelay;
import io.redisscale.testsupport.TestInfra;
import io.redisscale.testsupport.TopicTail;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The fault matrix: each row injects one fault while a real breach goes through the whole system (the
 * four packaged services, on a PostgreSQL server and a Kafka broker of this test's own, stateful WireMock
 * stand-ins as Heroku, Redis Cloud and ElastiCache, GreenMail as SMTP), then checks that exactly one change
 * (a PATCH, a PUT, a ModifyReplicationGroup) reached its provider, exactly one
 * {@code succeeded} outcome and one scale-up email came out, no event was doubled, and nothing went
 * to a dead-letter topic. Each row has an instance (Heroku app and add-on) of its own and leaves the
 * servers running, so the rows depend on no order; the rows that only own their instance run side by
 * side. The figures of each row go to {@code target/fault-matrix.md}.
 */
@Execution(ExecutionMode.CONCURRENT)
class FaultMatrixIT {
    /** The servers and services every row shares: a row that stops or kills one runs alone. */
    static final String SYSTEM = "fault-matrix-system";
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SCALED = "scaled from rediscloud:30 to rediscloud:100";
    static final List<String> DLQ = Topics.SERVICES.stream().map(Topics::deadLetter).toList();

    static OwnPostgres postgres;
    static OwnKafka kafka;
    static HerokuStandIn heroku;
    static RedisCloudStandIn redisCloud;
    static ElastiCacheStandIn elastiCache;
    static TestServers servers;
    static int[] smtp;
    static String redisUrl;
    static TopicTail commands;
    static TopicTail outcomes;
    static TopicTail samples;
    static final List<TopicTail> deadLetters = new ArrayList<>();
    static final List<String> report = java.util.Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        File logs = new File(System.getProperty("logs.dir", "target/e2e-logs"), "own-broker-" + FaultMatrixIT.class.getSimpleName());
        logs.mkdirs();
        postgres = new OwnPostgres();
        postgres.start();
        kafka = new OwnKafka(logs);
        kafka.start();
        heroku = new HerokuStandIn();
        redisCloud = new RedisCloudStandIn();
        elastiCache = new ElastiCacheStandIn();
        servers = new TestServers(new TestInfra.Isolation(kafka.bootstrap(), "", postgres.jdbcUrl(), "postgres", ""), List.of(
                // A killed service's partitions go to its successor within seconds, not the default 45 s.
                "-Dmp.messaging.connector.smallrye-kafka.session.timeout.ms=6000",
                "-Dmp.messaging.connector.smallrye-kafka.heartbeat.interval.ms=1000"));
        smtp = servers.startSmtp();
        int redis = servers.startRedis(0);
        // About 27 MB used: 90% of rediscloud:30, 27% of rediscloud:100.
        TestServers.fill(redis, 24_000);
        redisUrl = "redis://127.0.0.1:" + redis;
        for (String s : TestServers.SERVICES) {
            servers.startService(s, s, env(s));
        }
        for (String s : TestServers.SERVICES) {
            servers.awaitReady(s);
        }
        // The ElastiCache rows' Redis holds what the others' does: the node types they move between are given the
        // memory of rediscloud:30 and rediscloud:100 (through the API that edits a plan), their prices kept.
        for (String[] plan : new String[][] {{"cache.t4g.micro", "30000000", "11.68"}, {"cache.t4g.small", "100000000", "23.36"}}) {
            HttpResponse<String> r = servers.put("collector", "/api/v1/plans/elasticache-us-east-1:" + plan[0],
                    "{\"memoryBytes\": %s, \"maxConnections\": 65000, \"priceMonthUsd\": %s}".formatted(plan[1], plan[2]));
            assertEquals(200, r.statusCode(), r.body());
        }
        commands = servers.tail(Topics.SCALE_COMMANDS);
        outcomes = servers.tail(Topics.SCALE_OUTCOMES);
        samples = servers.tail(Topics.METRICS);
        for (String t : DLQ) {
            deadLetters.add(servers.tail(t));
        }
    }

    static Map<String, String> env(String service) {
        Map<String, String> env = new HashMap<>(Map.of(
                "QUARKUS_FLYWAY_CLEAN_AT_START", "false", // a database of its own, empty at the start
                "HEROKU_API_URL", heroku.url(),
                "HEROKU_API_KEY", service.equals("actuator") ? HerokuStandIn.ACTUATOR_KEY : "e2e-" + service + "-key",
                "DECISION_UP_WINDOW", "0s", // the first sample over the threshold decides
                "ACTUATOR_VERIFY_INTERVAL", "500ms",
                "UNREACHABLE_AFTER_FAILURES", "1",
                "EMAIL_HOST", "127.0.0.1",
                "EMAIL_PORT", String.valueOf(smtp[0]),
                "EMAIL_FIRST_RETRY", "5s"));
        env.put("SERVER_EMAIL", "autoscaler@example.com");
        env.put("REDISCLOUD_API_URL", redisCloud.url());
        env.put("COLLECTOR_ELASTICACHE_ENDPOINT", elastiCache.url());
        env.put("ACTUATOR_ELASTICACHE_ENDPOINT", elastiCache.url());
        env.put("AWS_ACCESS_KEY_ID", "AKIAE2ESTANDIN000000"); // the default credential chain's first link
        env.put("AWS_SECRET_ACCESS_KEY", "e2e-secret-for-the-stand-in");
        if (service.equals("actuator")) {
            env.put("QUARKUS_REST_CLIENT_REDISCLOUD_READ_TIMEOUT", "3000");
            env.put("ACTUATOR_ELASTICACHE_CALL_TIMEOUT", "3s");
            // The late-answer row's PATCH is answered after this; the collector keeps its own timeout, so a
            // registration's add-on lookup on a loaded machine is not cut short.
            env.put("QUARKUS_REST_CLIENT_HEROKU_READ_TIMEOUT", "3000");
        }
        return env;
    }

    @AfterAll
    static void stop() throws Exception {
        Path out = Path.of(System.getProperty("services.dir", ".."), "e2e", "target", "fault-matrix.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "| row | faults injected | samples | commands | outcomes (records) | changes received/applied | scale emails | dead letters |\n"
                + "|---|---|---|---|---|---|---|---|\n" + String.join("\n", report) + "\n");
        System.out.println(Files.readString(out));
        for (TopicTail t : deadLetters) {
            t.close();
        }
        for (TopicTail t : new TopicTail[] {commands, outcomes, samples}) {
            if (t != null) {
                t.close();
            }
        }
        if (servers != null) {
            servers.close();
        }
        for (AutoCloseable standIn : new AutoCloseable[] {heroku, redisCloud, elastiCache}) {
            if (standIn != null) {
                standIn.close();
            }
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    // ------------------------------------------------------------------ the rows

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ_WRITE) // stops or kills what every row uses
    void postgresStoppedBetweenPatchAndVerification() throws Exception {
        Row row = new Row("pg-down", redisUrl);
        row.registerAndAwaitPatchHeld();
        postgres.stop();
        try {
            row.addon.hold = false; // Heroku finishes while the database is down
            // 20 s: readiness goes DOWN within a second or two and the verification fails to be stored
            // several times over (it is tried every 500 ms); a longer outage only lengthens the wait.
            outage(Duration.ofSeconds(20), "actuator", row);
        } finally {
            postgres.start();
        }
        row.checkExactlyOnce("PostgreSQL stopped 20 s between PATCH and verification");
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ_WRITE) // stops or kills what every row uses
    void brokerStoppedAndStartedMidFlow() throws Exception {
        Row row = new Row("broker-down", redisUrl);
        row.registerAndAwaitPatchHeld();
        kafka.stop();
        try {
            row.addon.hold = false;
            outage(Duration.ofSeconds(20), "actuator", null);
        } finally {
            kafka.start();
        }
        row.checkExactlyOnce("broker stopped 20 s between PATCH and verification, then started");
        // The outcome waited in the actuator's outbox, its send outliving the relay's wait: published once all the same.
        assertEquals(1, row.outcomes().size(), "outcome records");
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ_WRITE) // stops or kills what every row uses
    void actuatorKilledBeforeItsPatch() throws Exception {
        Row row = new Row("actuator-before", redisUrl);
        row.addon.holdActuatorReadMs = 60_000; // the read that comes just before the PATCH
        row.register();
        await("the actuator's read before its PATCH").atMost(Duration.ofSeconds(90)).until(() -> row.addon.readHeld);
        servers.kill("actuator");
        assertEquals(0, row.addon.patchesReceived.get(), "killed before its PATCH");
        restart("actuator");
        row.checkExactlyOnce("actuator SIGKILLed before its PATCH, restarted");
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ_WRITE) // stops or kills what every row uses
    void actuatorKilledAfterItsPatch() throws Exception {
        Row row = new Row("actuator-after", redisUrl);
        row.registerAndAwaitPatchHeld();
        servers.kill("actuator");
        row.addon.hold = false; // Heroku finishes meanwhile
        restart("actuator");
        row.checkExactlyOnce("actuator SIGKILLed after its PATCH (verifying), restarted");
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ_WRITE) // a second actuator takes partitions every row uses
    void secondActuatorStartedWhileTheFirstVerifies() throws Exception {
        Row row = new Row("rolling-deploy", redisUrl);
        row.registerAndAwaitPatchHeld();
        // A rolling deploy: the new actuator starts beside the old one, which is verifying the change. The new
        // one takes the unfinished command up at its start, and the same command record comes once more.
        servers.startService("actuator", "actuator-next", env("actuator"));
        try {
            servers.awaitReady("actuator-next");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrap()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.SCALE_COMMANDS, row.id.toString(), Events.write(row.commands().get(0))))
                        .get(30, TimeUnit.SECONDS);
            }
            await("the new actuator waits for the instance's lease").atMost(Duration.ofSeconds(60))
                    .until(() -> Files.exists(servers.log("actuator-next"))
                            && Files.readString(servers.log("actuator-next")).contains(row.id + " is being changed by another actuator"));
            row.addon.hold = false;
            row.checkExactlyOnce("a second actuator started while the first verified (a rolling deploy); the command delivered again");
        } finally {
            servers.kill("actuator-next");
        }
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ_WRITE) // stops or kills what every row uses
    void collectorKilledBetweenPollingAndPublishing() throws Exception {
        Row row = new Row("collector-between", redisUrl);
        killBetweenStoringAndPublishing("collector", Topics.METRICS, row);
        row.checkExactlyOnce("collector SIGKILLed between storing its first sample and publishing it, restarted");
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ_WRITE) // stops or kills what every row uses
    void decisionServiceKilledBetweenDecidingAndPublishing() throws Exception {
        Row row = new Row("decision-between", redisUrl);
        killBetweenStoringAndPublishing("decision", Topics.SCALE_COMMANDS, row);
        row.checkExactlyOnce("decision service SIGKILLed between deciding and publishing, restarted");
    }

    /**
     * Registers the row and kills {@code service} once its event about the row on {@code topic} is
     * stored in its outbox but not published. The window between the commit and the relay is held open
     * by taking the service's relay lock (what a second replica relaying would hold).
     */
    static void killBetweenStoringAndPublishing(String service, String topic, Row row) throws Exception {
        try (Connection relayLock = postgres.connect()) {
            relayLock.setAutoCommit(false);
            try (PreparedStatement ps = relayLock.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
                ps.setInt(1, OutboxRelay.RELAY_LOCK);
                ps.setString(2, service);
                ps.execute();
            }
            row.register();
            await(service + ": event stored in the outbox").atMost(Duration.ofSeconds(90))
                    .until(() -> outboxRows(service, topic, row.id) >= 1);
            servers.kill(service);
            try (TopicTail published = servers.tail(topic)) {
                assertTrue(published.values().stream().noneMatch(v -> v != null && v.contains(row.id.toString())),
                        service + " killed before its event was published");
            }
            relayLock.rollback();
        }
        restart(service);
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ_WRITE) // stops or kills what every row uses
    void notifierKilledAfterSmtpAccepted() throws Exception {
        Row row = new Row("notifier-after", redisUrl);
        row.register();
        await("the email accepted by SMTP").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> row.scaleEmails() == 1);
        servers.kill("notifier");
        restart("notifier");
        row.checkExactlyOnce("notifier SIGKILLed after SMTP accepted the email, restarted");
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ) // its own instance and add-on: beside the others
    void theSameEventsDeliveredTwiceAndOutOfOrder() throws Exception {
        Row row = new Row("duplicates", redisUrl);
        row.register();
        ScaleOutcome done = row.awaitSucceeded();
        ScaleCommand command = row.commands().get(0);
        ScaleCommand older = new ScaleCommand(UUID.randomUUID(), row.id, command.fromPlan(), command.toPlan(), command.direction(),
                command.reasonCode(), command.reason(), null, null, command.decidedAt().minusSeconds(30));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrap()),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 2; i++) { // the same command and the same outcome again, twice
                producer.send(new ProducerRecord<>(Topics.SCALE_COMMANDS, row.id.toString(), Events.write(command))).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>(Topics.SCALE_OUTCOMES, row.id.toString(), Events.write(done))).get(30, TimeUnit.SECONDS);
            }
            // Out of order: a command decided before the one carried out arrives after it.
            producer.send(new ProducerRecord<>(Topics.SCALE_COMMANDS, row.id.toString(), Events.write(older))).get(30, TimeUnit.SECONDS);
        }
        ScaleOutcome late = await("the late command's outcome").atMost(Duration.ofSeconds(60)).until(() -> row.outcomes().stream()
                .filter(o -> o.commandId().equals(older.commandId())).findFirst().orElse(null), o -> o != null);
        assertEquals(ScaleOutcome.Status.skipped, late.status(), late.toString());
        row.checkExactlyOnce("one command and one outcome delivered twice more; an older command after the newer",
                2, 2 /* the outcome (its copies are the same event) and the older command's skip */);
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ) // its own instance and add-on: beside the others
    void herokuAnswering5xx429AndTimingOut() throws Exception {
        Row unavailable = new Row("heroku-503", redisUrl);
        unavailable.addon.patchRefusals.add(503);
        unavailable.addon.patchRefusals.add(503);
        Row limited = new Row("heroku-429", redisUrl);
        limited.addon.patchRefusals.add(429);
        Row late = new Row("heroku-timeout", redisUrl);
        late.addon.lateAnswerMs = 6_000; // applied, answered after the actuator's 3 s read timeout
        for (Row r : List.of(unavailable, limited, late)) {
            r.register();
        }
        unavailable.checkExactlyOnce("Heroku answered 503 twice to the PATCH");
        assertEquals(3, unavailable.addon.patchesReceived.get());
        limited.checkExactlyOnce("Heroku answered 429 to the PATCH");
        assertEquals(2, limited.addon.patchesReceived.get());
        late.checkExactlyOnce("Heroku applied the PATCH but answered after the client's timeout");
        assertEquals(1, late.addon.patchesReceived.get(), "the add-on was read, not PATCHed again");
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ) // its own subscriptions: beside the others
    void redisCloudAnswering5xx429AndTimingOut() throws Exception {
        refusedRateLimitedAndLate(name -> Row.redisCloud(name, redisUrl), "rediscloud", 429, "Redis Cloud", "the PUT");
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ_WRITE) // stops or kills what every row uses
    void actuatorKilledWhileRedisCloudChanges() throws Exception {
        killedWhileChanging(Row.redisCloud("rediscloud-killed", redisUrl), "actuator SIGKILLed while Redis Cloud's task ran, restarted");
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ) // its own replication groups: beside the others
    void elastiCacheAnswering5xxThrottlingAndTimingOut() throws Exception {
        refusedRateLimitedAndLate(name -> Row.elastiCache(name, redisUrl), "elasticache", 400, "ElastiCache", "ModifyReplicationGroup");
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ_WRITE) // stops or kills what every row uses
    void actuatorKilledWhileElastiCacheModifies() throws Exception {
        killedWhileChanging(Row.elastiCache("elasticache-killed", redisUrl), "actuator SIGKILLed while the group was modifying, restarted");
    }

    /**
     * Three instances of a provider: its change refused with 503 twice, refused for its rate once ({@code rateLimit}:
     * 429, or ElastiCache's 400 Throttling), or applied and answered after the actuator's 3 s timeout. Each ends in
     * one change applied, the late one sent once (read, not sent again).
     */
    static void refusedRateLimitedAndLate(java.util.function.Function<String, Row> make, String prefix, int rateLimit, String provider,
                                          String call) throws Exception {
        Row unavailable = make.apply(prefix + "-503");
        unavailable.refuse(503, 503);
        Row limited = make.apply(prefix + "-rate-limited");
        limited.refuse(rateLimit);
        Row late = make.apply(prefix + "-timeout");
        late.answerLate(6_000);
        for (Row r : List.of(unavailable, limited, late)) {
            r.register();
        }
        unavailable.checkExactlyOnce(provider + " answered 503 twice to " + call);
        assertEquals(3, unavailable.changesReceived());
        limited.checkExactlyOnce(provider + " refused " + call + " for its rate (" + rateLimit + ")");
        assertEquals(2, limited.changesReceived());
        late.checkExactlyOnce(provider + " applied " + call + " but answered after the client's timeout");
        assertEquals(1, late.changesReceived(), "read, not sent again");
    }

    /** The provider holds the change; the actuator is killed meanwhile and restarted once the provider finished. */
    static void killedWhileChanging(Row row, String fault) throws Exception {
        row.hold(true);
        row.register();
        await(row.name + ": change applied").atMost(Duration.ofSeconds(90)).until(() -> row.changesApplied() == 1);
        servers.kill("actuator");
        row.hold(false); // the provider finishes meanwhile
        restart("actuator");
        row.checkExactlyOnce(fault);
        assertEquals(1, row.changesReceived());
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ_WRITE) // stops or kills what every row uses
    void smtpDownAcrossSeveralRetries() throws Exception {
        Row row = new Row("smtp-down", redisUrl);
        servers.kill("smtp");
        try {
            row.register();
            row.awaitSucceeded();
            // 30 s from the outcome on: the first retries (5 s, then doubling) fail, a later one is delivered.
            outage(Duration.ofSeconds(30), null, null);
        } finally {
            servers.startSmtp(smtp[0], smtp[1]);
        }
        row.checkExactlyOnce("SMTP server down from the breach until 30 s after the outcome (several retries)");
    }

    @Test
    @ResourceLock(value = SYSTEM, mode = ResourceAccessMode.READ) // its own instance and add-on: beside the others
    void redisUnreachable() throws Exception {
        int port = TestServers.freePort(); // nothing listens here yet
        Row row = new Row("redis-down", "redis://127.0.0.1:" + port);
        row.register();
        await("unreachable alert").atMost(Duration.ofSeconds(90)).until(() -> row.emails("unreachable") == 1);
        assertEquals(0, row.commands().size(), "no decision without data");
        servers.startRedis(0, port);
        TestServers.fill(port, 24_000);
        row.checkExactlyOnce("the instance's Redis unreachable (refused) at the breach, then back");
        await("back to normal").atMost(Duration.ofSeconds(30)).until(() -> row.emails("back to normal") >= 1);
        assertEquals(1, row.emails("unreachable"), "one unreachable alert for the episode");
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Holds a fault for {@code length}. Meanwhile the row's outcome must not appear (nothing can be
     * finished without the dependency), and the readiness of {@code readinessOf} must go DOWN.
     */
    static void outage(Duration length, String readinessOf, Row row) {
        AtomicBoolean down = new AtomicBoolean(false);
        await("outage").during(length).atMost(length.plusSeconds(15)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (readinessOf != null && !down.get()) {
                try {
                    down.set(servers.get(readinessOf, "/q/health/ready").statusCode() != 200);
                } catch (IOException e) {
                    down.set(true);
                }
            }
            return row == null || row.outcomes().isEmpty();
        });
        assertTrue(readinessOf == null || down.get(), readinessOf + " readiness never went DOWN during the outage");
    }

    static void restart(String service) {
        servers.startService(service, service, env(service));
        servers.awaitReady(service);
    }

    static int outboxRows(String schema, String topic, UUID key) throws Exception {
        try (Connection c = postgres.connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM " + schema + ".outbox WHERE topic = ? AND msg_key = ?")) {
            ps.setString(1, topic);
            ps.setString(2, key.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * One row's instance and its own recipient: by default a Heroku app with a Redis Cloud add-on on rediscloud:30;
     * {@link #redisCloud} an Essentials subscription on its 30 MB plan, {@link #elastiCache} a replication group on
     * cache.t4g.micro (given 30 MB). Each provider's changes are counted by its stand-in.
     */
    static final class Row {
        final String name;
        final HerokuStandIn.Addon addon;
        final RedisCloudStandIn.Subscription subscription;
        final ElastiCacheStandIn.Group group;
        final String recipient;
        UUID id;

        Row(String name, String redisUrl) {
            this(name, heroku.addon("fm-" + name, "rediscloud:30", redisUrl), null, null);
        }

        private Row(String name, HerokuStandIn.Addon addon, RedisCloudStandIn.Subscription subscription, ElastiCacheStandIn.Group group) {
            this.name = name;
            this.addon = addon;
            this.subscription = subscription;
            this.group = group;
            this.recipient = name + "@example.com";
        }

        static Row redisCloud(String name, String redisUrl) {
            return new Row(name, null, redisCloud.subscription(1001), null);
        }

        static Row elastiCache(String name, String redisUrl) {
            return new Row(name, null, null, elastiCache.group("cache.t4g.micro"));
        }

        /** Changes that reached the provider and were applied. */
        int changesApplied() {
            return addon != null ? addon.patchesApplied.get() : subscription != null ? subscription.changesApplied.get()
                    : group.changesApplied.get();
        }

        int changesReceived() {
            return addon != null ? addon.patchesReceived.get() : subscription != null ? subscription.putsReceived.get()
                    : group.modificationsReceived.get();
        }

        /** The provider refuses the next changes with these statuses. */
        void refuse(int... statuses) {
            for (int status : statuses) {
                if (subscription != null) {
                    subscription.putRefusals.add(status);
                } else {
                    group.modifyRefusals.add(status);
                }
            }
        }

        /** The provider applies the next change but answers it this late. */
        void answerLate(long ms) {
            if (subscription != null) {
                subscription.lateAnswerMs = ms;
            } else {
                group.lateAnswerMs = ms;
            }
        }

        /** The provider's change does not end while held. */
        void hold(boolean held) {
            if (addon != null) {
                addon.hold = held;
            } else if (subscription != null) {
                subscription.hold = held;
            } else {
                group.hold = held;
            }
        }

        /** The subject part of its scale-up email. */
        String scaled() {
            return addon != null ? SCALED : subscription != null ? "scaled from rediscloud-essentials:1001 to rediscloud-essentials:1002"
                    : "scaled from elasticache-us-east-1:cache.t4g.micro to elasticache-us-east-1:cache.t4g.small";
        }

        void register() throws Exception {
            String common = """
                    "metricRateSeconds": 30, "scalingRateSeconds": 60, "recipients": ["%s"]""".formatted(recipient);
            String body;
            if (subscription != null) {
                body = """
                        {"name": "%s", "provider": "rediscloud", "subscriptionId": "%s", "redisUrl": "%s",
                         "credentials": {"apiKey": "%s", "secretKey": "%s"},
                         "minPlan": "rediscloud-essentials:1001", "maxPlan": "rediscloud-essentials:1002", %s}
                        """.formatted(name, subscription.id, redisUrl, RedisCloudStandIn.ACCOUNT_KEY, RedisCloudStandIn.USER_KEY, common);
            } else if (group != null) {
                body = """
                        {"name": "%s", "provider": "elasticache", "replicationGroupId": "%s", "region": "us-east-1", "redisUrl": "%s",
                         "minPlan": "elasticache-us-east-1:cache.t4g.micro", "maxPlan": "elasticache-us-east-1:cache.t4g.small", %s}
                        """.formatted(name, group.id, redisUrl, common);
            } else {
                body = """
                        {"name": "%s", "provider": "heroku", "herokuApp": "%s", "configVar": "REDISCLOUD_URL",
                         "minPlan": "rediscloud:30", "maxPlan": "rediscloud:1000", %s}
                        """.formatted(name, addon.app, common);
            }
            HttpResponse<String> r = servers.post("collector", "/api/v1/instances", body);
            assertEquals(201, r.statusCode(), r.body());
            id = UUID.fromString(JSON.readTree(r.body()).get("id").asText());
        }

        /** Registers, and returns once the PATCH was applied, with the add-on held in provisioning. */
        void registerAndAwaitPatchHeld() throws Exception {
            addon.hold = true;
            register();
            await(name + ": PATCH").atMost(Duration.ofSeconds(90)).until(() -> addon.patchesApplied.get() == 1);
        }

        List<ScaleCommand> commands() {
            return commands.values().stream().map(v -> Events.read(v, ScaleCommand.class))
                    .filter(c -> c.instanceId().equals(id)).toList();
        }

        List<ScaleOutcome> outcomes() {
            return outcomes.values().stream().map(v -> Events.read(v, ScaleOutcome.class))
                    .filter(o -> o.instanceId().equals(id)).toList();
        }

        ScaleOutcome awaitSucceeded() {
            return await(name + ": succeeded outcome").atMost(Duration.ofMinutes(3)).until(() -> outcomes().stream()
                    .filter(o -> o.status() == ScaleOutcome.Status.succeeded).findFirst().orElse(null), o -> o != null);
        }

        int scaleEmails() throws Exception {
            return emails(scaled());
        }

        int emails(String subjectPart) throws Exception {
            int n = 0;
            for (JsonNode m : inbox()) {
                n += m.path("subject").asText().contains(subjectPart) ? 1 : 0;
            }
            return n;
        }

        JsonNode inbox() throws Exception {
            HttpResponse<String> r = servers.get("smtp-api", "/api/user/" + recipient + "/messages/INBOX");
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : JSON.createArrayNode();
        }

        void checkExactlyOnce(String fault) throws Exception {
            checkExactlyOnce(fault, 1, 1);
        }

        /**
         * One PATCH applied, one succeeded outcome, one scale-up email, and so it stays; no subject mailed
         * twice; no dead letter at all. {@code commandRecords} and {@code outcomeRecords} are the records
         * the topics should hold for the instance (more only where the row itself sent copies).
         */
        void checkExactlyOnce(String fault, int commandRecords, int outcomeRecords) throws Exception {
            awaitSucceeded();
            await(name + ": scale-up email").atMost(Duration.ofMinutes(3)).ignoreExceptions().until(() -> scaleEmails() >= 1);
            // Counted by id: a record published twice (at least once, on a broker restart) is one event.
            String expected = "changes applied 1, scale emails 1, commands " + commandRecords + ", outcomes " + outcomeRecords;
            await(name + ": nothing doubled").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> "changes applied " + changesApplied() + ", scale emails " + scaleEmails()
                            + ", commands " + commands().stream().map(ScaleCommand::commandId).distinct().count()
                            + ", outcomes " + outcomes().stream().map(ScaleOutcome::eventId).distinct().count(), expected::equals);
            List<ScaleOutcome> succeeded = outcomes().stream().filter(o -> o.status() == ScaleOutcome.Status.succeeded)
                    .map(o -> o.eventId()).distinct().map(e -> outcomes().stream().filter(o -> o.eventId().equals(e)).findFirst().get())
                    .toList();
            assertEquals(1, succeeded.size(), succeeded.toString());
            List<String> subjects = new ArrayList<>();
            for (JsonNode m : inbox()) {
                subjects.add(m.path("subject").asText());
            }
            assertEquals(subjects.size(), subjects.stream().distinct().count(), "a subject mailed twice: " + subjects);
            int dead = deadLetters.stream().mapToInt(t -> t.values().size()).sum();
            assertEquals(0, dead, "dead letters");
            long sampleCount = samples.values().stream().map(v -> Events.read(v, MetricSample.class))
                    .filter(s -> s.instanceId().equals(id)).count();
            report.add("| %s | %s | %d | %d | %d (%d records) | %d/%d | %d | %d |".formatted(name, fault, sampleCount,
                    commands().size(), outcomes().stream().map(ScaleOutcome::eventId).distinct().count(), outcomes().size(),
                    changesReceived(), changesApplied(), scaleEmails(), dead));
        }
    }
}
