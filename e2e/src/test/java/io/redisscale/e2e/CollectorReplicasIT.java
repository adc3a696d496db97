package io.redisscale.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two collector replicas on the real broker split the instances through Kafka's group assignment; one is
 * killed, and the other takes its instances over. No instance is polled twice in a period, none forgotten.
 */
class CollectorReplicasIT {
    /**
     * A 5 s cycle (COLLECTOR_METRIC_RATES allows it here). It found an instance polled twice 2-3 s apart
     * when handed to the other replica before its last poll was stored; the handover now waits for that
     * poll (KafkaOwnership, InFlightPolls).
     */
    static final int RATE = 5;
    static final int INSTANCES = 24;
    static final int SESSION_TIMEOUT = 10;
    /** The longest a rebalance after a replica's death takes here, on two loaded cores. */
    static final int REBALANCE = 10;
    static final ObjectMapper JSON = new ObjectMapper();

    static TestServers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = new TestServers("e2e-collector-replicas");
        Map<String, String> env = Map.of("COLLECTOR_OWNERSHIP_SESSION_TIMEOUT", SESSION_TIMEOUT + "s",
                "COLLECTOR_METRIC_RATES", String.valueOf(RATE));
        servers.startService("collector", "collector-a", env);
        servers.awaitReady("collector-a");
        // The second replica shares the first one's schema: it must not wipe it.
        Map<String, String> second = new java.util.HashMap<>(env);
        second.put("QUARKUS_FLYWAY_CLEAN_AT_START", "false");
        servers.startService("collector", "collector-b", second);
        servers.awaitReady("collector-b");
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void replicasSplitTheInstancesAndTakeOverFromADeadOne() throws Exception {
        int port = servers.startRedis(100_000_000L);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            var created = servers.post("collector-a", "/api/v1/instances", """
                    {"name": "replicated-%d", "provider": "local", "redisUrl": "redis://127.0.0.1:%d", "metricRateSeconds": %d}
                    """.formatted(i, port, RATE));
            assertEquals(201, created.statusCode(), created.body());
            ids.add(JSON.readTree(created.body()).get("id").asText());
        }
        // Both replicas hold a share of the partitions, and no partition is held twice.
        await("split").atMost(Duration.ofSeconds(60)).until(() -> !owned("collector-a").isEmpty() && !owned("collector-b").isEmpty());
        Set<String> a = owned("collector-a");
        Set<String> b = owned("collector-b");
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        assertTrue(both.isEmpty(), "a " + a + " b " + b);
        assertEquals(12, a.size() + b.size(), "a " + a + " b " + b);

        // Two periods with both replicas, the split holding all along.
        await("split holds").during(Duration.ofSeconds(2L * RATE + 5)).atMost(Duration.ofSeconds(2L * RATE + 15))
                .until(() -> owned("collector-a").size() + owned("collector-b").size() == 12);
        Instant killedAt = Instant.now();
        servers.kill("collector-a");
        await("takeover").atMost(Duration.ofSeconds(SESSION_TIMEOUT * 3L)).until(() -> owned("collector-b").size() == 12);
        // Two periods on the survivor, which keeps every partition.
        await("survivor holds").during(Duration.ofSeconds(2L * RATE)).atMost(Duration.ofSeconds(2L * RATE + 10))
                .until(() -> owned("collector-b").size() == 12);

        for (String id : ids) {
            List<Instant> polls = polls(id);
            assertTrue(polls.size() >= 4, id + " polled " + polls);
            for (int i = 1; i < polls.size(); i++) {
                long gap = Duration.between(polls.get(i - 1), polls.get(i)).toMillis();
                // Polls run on a 1 s tick: a period is never cut short by more than that.
                assertTrue(gap >= (RATE - 1.5) * 1000, id + " polled twice in a period: " + polls);
                // A dead replica's instance waits at most its session timeout longer than a period, and the
                // rebalance that follows (two rounds of the cooperative protocol: seconds on a loaded machine).
                assertTrue(gap <= (RATE + SESSION_TIMEOUT + REBALANCE) * 1000L, id + " forgotten for " + gap + " ms: " + polls);
            }
            assertFalse(polls.get(polls.size() - 1).isBefore(killedAt.plusSeconds(RATE)), id + " not polled after the kill");
        }
    }

    private static Set<String> owned(String replica) throws Exception {
        JsonNode health = JSON.readTree(servers.get(replica, "/q/health/live").body());
        for (JsonNode check : health.get("checks")) {
            if ("instance-ownership".equals(check.get("name").asText())) {
                String partitions = check.path("data").path("partitions").asText();
                return partitions.isEmpty() ? Set.of() : Set.of(partitions.split(","));
            }
        }
        throw new AssertionError("no ownership check in " + health);
    }

    /** The instance's poll times, oldest first, as the surviving replica's API shows them. */
    private static List<Instant> polls(String id) throws Exception {
        JsonNode samples = JSON.readTree(servers.get("collector-b", "/api/v1/instances/" + id + "/metrics").body());
        List<Instant> at = new ArrayList<>();
        for (JsonNode s : samples) {
            at.add(0, Instant.parse(s.get("at").asText()));
        }
        return at;
    }
}
