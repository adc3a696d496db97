package io.redisscale.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two decision-service replicas on the real broker split the instances' samples through their consumer
 * group; one is killed, and the other takes its instances over, rebuilding their windows from the stored
 * samples, and goes on judging every instance's samples.
 */
class DecisionReplicasIT {
    /** A 5 s cycle (the collector's COLLECTOR_METRIC_RATES allows it here); a dead replica's partitions move after 10 s. */
    static final int RATE = 5;
    static final int INSTANCES = 12;
    static final int SESSION_TIMEOUT_S = 10;

    static TestServers servers;

    @BeforeAll
    static void start() throws Exception {
        // A killed replica's partitions move after the session timeout: 10 s here rather than 45.
        servers = new TestServers(io.redisscale.testsupport.TestInfra.isolation("e2e-decision-replicas"), List.of(
                "-Dmp.messaging.connector.smallrye-kafka.session.timeout.ms=" + SESSION_TIMEOUT_S * 1000,
                "-Dmp.messaging.connector.smallrye-kafka.heartbeat.interval.ms=1000"));
        servers.startService("collector", "collector", Map.of("COLLECTOR_METRIC_RATES", String.valueOf(RATE)));
        servers.awaitReady("collector");
        servers.startService("decision", "decision-a", Map.of());
        servers.awaitReady("decision-a");
        // The second replica shares the first one's schema: it must not wipe it.
        servers.startService("decision", "decision-b", Map.of("QUARKUS_FLYWAY_CLEAN_AT_START", "false"));
        servers.awaitReady("decision-b");
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    @Test
    void replicasSplitTheSamplesAndTakeOverFromADeadOne() throws Exception {
        int port = servers.startRedis(100_000_000L);
        for (int i = 0; i < INSTANCES; i++) {
            var created = servers.post("collector", "/api/v1/instances", """
                    {"name": "judged-%d", "provider": "local", "redisUrl": "redis://127.0.0.1:%d", "metricRateSeconds": %d}
                    """.formatted(i, port, RATE));
            assertEquals(201, created.statusCode(), created.body());
        }
        // Both replicas judge a share of the instances, and together all of them, none twice.
        // (Registering, first polls and the replicas' first batches: a minute at most on two loaded cores; 15 s was not.)
        await("split").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                metric("decision-a", "autoscaler_windows_held") > 0 && metric("decision-b", "autoscaler_windows_held") > 0
                        && metric("decision-a", "autoscaler_windows_held") + metric("decision-b", "autoscaler_windows_held") == INSTANCES);
        // A period later the split still holds, and both replicas judged samples in it.
        double judgedA = metric("decision-a", "autoscaler_samples_judged_total");
        double judgedB = metric("decision-b", "autoscaler_samples_judged_total");
        await("split holds").during(Duration.ofSeconds(RATE + 2)).atMost(Duration.ofSeconds(RATE + 10)).pollInterval(Duration.ofSeconds(1))
                .until(() -> metric("decision-a", "autoscaler_windows_held") + metric("decision-b", "autoscaler_windows_held") == INSTANCES);
        double periodA = metric("decision-a", "autoscaler_samples_judged_total") - judgedA;
        double periodB = metric("decision-b", "autoscaler_samples_judged_total") - judgedB;
        assertTrue(periodA > 0 && periodB > 0, "both judge: a " + periodA + ", b " + periodB);
        // Every sample judged was polled before: read the judged counts first, then the collector's polls, and
        // the judged can never outnumber the polled unless a sample was judged by both replicas. (A bound on a
        // time window instead would depend on how long the reads take on a loaded machine.)
        double judgedBoth = metric("decision-a", "autoscaler_samples_judged_total") + metric("decision-b", "autoscaler_samples_judged_total");
        double polled = servers.metric("collector", "autoscaler_polls_total");
        assertTrue(judgedBoth <= polled, "no sample judged twice: judged " + judgedBoth + " of " + polled + " polled");

        double rebuiltBefore = metric("decision-b", "autoscaler_windows_rebuilt_total");
        double heldByA = metric("decision-a", "autoscaler_windows_held");
        servers.kill("decision-a");
        // The survivor takes every instance over, rebuilding each window from the stored samples.
        await("takeover").atMost(Duration.ofSeconds(SESSION_TIMEOUT_S + 3L * RATE)).pollInterval(Duration.ofSeconds(1))
                .until(() -> metric("decision-b", "autoscaler_windows_held") == INSTANCES);
        double rebuilt = metric("decision-b", "autoscaler_windows_rebuilt_total") - rebuiltBefore;
        assertTrue(rebuilt >= heldByA, "the dead replica's " + heldByA + " windows rebuilt from stored samples: " + rebuilt);
        // And it goes on judging every instance each period.
        double judged = metric("decision-b", "autoscaler_samples_judged_total");
        await("survivor judges all").atMost(Duration.ofSeconds(2L * RATE)).pollInterval(Duration.ofSeconds(1))
                .until(() -> metric("decision-b", "autoscaler_samples_judged_total") - judged >= INSTANCES);
    }

    /** A Prometheus sample of a replica's /q/metrics (0 when not there yet). */
    private static double metric(String replica, String name) throws Exception {
        return servers.metric(replica, name);
    }
}
