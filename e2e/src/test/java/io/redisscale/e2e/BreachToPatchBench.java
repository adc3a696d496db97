package io.redisscale.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisscale.events.Events;
import io.redisscale.events.MetricSample;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.Topics;
import io.redisscale.testsupport.TopicTail;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Not a test: run with {@code mvn -pl e2e verify -Pbench -Dit.test=BreachToPatchBench}. With the default
 * settings (60 s up window, 30 s metric rate), the time from an instance's first sample over its threshold
 * to its PATCH reaching a Heroku stand-in, over {@code bench.breaches} breaches (default 24) on the packaged
 * collector, decision service and actuator, the real broker, PostgreSQL and Redis. Each breach is a Heroku
 * add-on on rediscloud:30 whose own Redis holds about 27 MB (90%) from its first sample on; registrations are
 * spread over a metric period so the breaches do not come in step. The figures are of memory breaches:
 * the reason codes of the decisions are printed with them.
 */
class BreachToPatchBench {
    static final int BREACHES = Integer.getInteger("bench.breaches", 24);
    static final int RATE = 30;
    static final ObjectMapper JSON = new ObjectMapper();

    static TestServers servers;
    static HerokuStandIn heroku;
    static TopicTail samples;
    static TopicTail commands;

    @BeforeAll
    static void start() throws Exception {
        heroku = new HerokuStandIn();
        servers = new TestServers("bench-breach-to-patch");
        for (String s : List.of("collector", "decision", "actuator")) {
            servers.startService(s, s, Map.of("HEROKU_API_URL", heroku.url(),
                    "HEROKU_API_KEY", s.equals("actuator") ? HerokuStandIn.ACTUATOR_KEY : "bench-" + s + "-key"));
        }
        for (String s : List.of("collector", "decision", "actuator")) {
            servers.awaitReady(s);
        }
        samples = servers.tail(Topics.METRICS);
        commands = servers.tail(Topics.SCALE_COMMANDS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (samples != null) {
            samples.close();
        }
        if (commands != null) {
            commands.close();
        }
        if (servers != null) {
            servers.close();
        }
        if (heroku != null) {
            heroku.close();
        }
    }

    @Test
    void breachToPatch() throws Exception {
        // A Redis per breach: sharing one, the collector's connections would add up to a connection breach.
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < BREACHES; i++) {
            ports.add(servers.startRedis(0));
            TestServers.fill(ports.get(i), 24_000);
        }
        List<HerokuStandIn.Addon> addons = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < BREACHES; i++) {
            int port = ports.get(i);
            HerokuStandIn.Addon addon = heroku.addon("bench-" + i, "rediscloud:30", "redis://127.0.0.1:" + port);
            HttpResponse<String> r = servers.post("collector", "/api/v1/instances", """
                    {"name": "breach-%d", "provider": "heroku", "herokuApp": "%s", "configVar": "REDISCLOUD_URL",
                     "minPlan": "rediscloud:30", "maxPlan": "rediscloud:1000", "metricRateSeconds": %d}
                    """.formatted(i, addon.app, RATE));
            assertEquals(201, r.statusCode(), r.body());
            addons.add(addon);
            ids.add(UUID.fromString(JSON.readTree(r.body()).get("id").asText()));
            Thread.sleep(RATE * 1000L / BREACHES); // spread over one period
        }
        await("every PATCH").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofSeconds(1))
                .until(() -> addons.stream().allMatch(a -> a.firstPatchAt != null));

        // The observer's first polls may come back empty while it joins its group: wait until it saw every breach.
        List<MetricSample> over = await("every breach's samples").atMost(Duration.ofMinutes(1)).until(
                () -> samples.values().stream().map(v -> Events.read(v, MetricSample.class))
                        .filter(s -> s.ok() && s.usedMemoryBytes() > 0.8 * s.planMemoryBytes()).toList(),
                l -> ids.stream().allMatch(id -> l.stream().anyMatch(s -> s.instanceId().equals(id))));
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < BREACHES; i++) {
            UUID id = ids.get(i);
            Instant firstOver = over.stream().filter(s -> s.instanceId().equals(id))
                    .map(MetricSample::at).min(Instant::compareTo).orElseThrow();
            millis.add(Duration.between(firstOver, addons.get(i).firstPatchAt).toMillis());
        }
        List<Long> sorted = millis.stream().sorted().toList();
        long p50 = sorted.get((int) Math.ceil(0.50 * sorted.size()) - 1);
        long p99 = sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1);
        long goal = 60_000 + RATE * 1000L + 5_000;
        Map<String, Long> reasons = commands.values().stream().map(v -> Events.read(v, ScaleCommand.class))
                .filter(c -> ids.contains(c.instanceId()))
                .collect(java.util.stream.Collectors.groupingBy(c -> c.reasonCode().name(), java.util.TreeMap::new,
                        java.util.stream.Collectors.counting()));
        System.out.printf("%n== breach to PATCH, default settings, %d breaches: p50 %.1f s, p99 %.1f s, min %.1f s, max %.1f s"
                        + " (goal: up window 60 s + one metric period %d s + 5 s = %.0f s; p99 / goal %.2f)%n%n",
                BREACHES, p50 / 1000.0, p99 / 1000.0, sorted.get(0) / 1000.0, sorted.get(sorted.size() - 1) / 1000.0, RATE,
                goal / 1000.0, p99 / (double) goal);
        System.out.println("commands by reason code: " + reasons);
    }
}
