package io.redisscale.decision.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The backtester's figures agree with the independent judge, and bad traces are refused by line. */
class BacktestTest {
    /** shared/ beside the repository (SHARED_DIR overrides). */
    static final Path SHARED = System.getenv("SHARED_DIR") != null ? Path.of(System.getenv("SHARED_DIR")) : Path.of("..", "..", "shared");
    static final Path CATALOG = Path.of("..", "common", "src", "main", "resources", "catalogs", "rediscloud.json");

    @TempDir
    Path dir;

    /** Memory bursts, and connection jumps: the original rule runs over on both, foreseeably and not. */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"synthetic-bursts", "synthetic-connections"})
    void agreesWithTheJudge(String name) throws Exception {
        Path trace = SHARED.resolve("traces/" + name + ".csv");
        Path judge = SHARED.resolve("tools/judge.py");
        Assumptions.assumeTrue(Files.exists(trace) && Files.exists(judge), "needs ../shared beside the repository");
        Backtest.Options o = Backtest.parse(new String[] {"--trace", trace.toString(), "--catalog", CATALOG.toString()});
        List<Backtest.Result> results = Backtest.run(Trace.read(trace), Backtest.catalog(CATALOG), o);
        Path out = dir.resolve("result.json");
        Files.writeString(out, Backtest.json(Trace.read(trace), o, results));

        Process p = new ProcessBuilder("python3", judge.toString(), trace.toString(), CATALOG.toString(), "--timeline", out.toString())
                .redirectErrorStream(true).start();
        String report = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), report);
        JsonNode judged = new ObjectMapper().readTree(report);
        assertSame(judged.get("candidate"), find(results, "autoscaler"));
        assertSame(judged.get("static_peak"), find(results, "static-peak"));
        assertSame(judged.get("seed_original"), find(results, "original"));
        assertSame(judged.get("hourly_oracle"), find(results, "hourly-oracle"));
        assertSame(judged.get("hourly_oracle_at_threshold"), find(results, Backtest.BOUND));
        assertSame(judged.get("hourly_oracle_safe"), find(results, Backtest.SAFE));
        assertEquals(0, find(results, "autoscaler").score().foreseeableOverflows());
        assertTrue(find(results, "original").score().foreseeableOverflows() > 0, "the judge's figures are not all zero");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad header        | time,mem,conns\\n1,2,3                                     | :1: bad header",
            "not a number      | timestamp,used_memory,connected_clients\\n1,2,3\\n2,lots,3 | :3: not a number",
            "time backwards    | timestamp,used_memory,connected_clients\\n5,2,3\\n4,2,3    | :3: time goes backwards",
            "missing field     | timestamp,used_memory,connected_clients\\n5,2            | :2: expected 3 fields",
            "empty file        | ''                                                       | empty file",
            "header only       | timestamp,used_memory,connected_clients                  | no samples",
    })
    void refusesABadTraceNamingTheLine(String label, String content, String message) throws Exception {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, content.replace("\\n", "\n"));
        Trace.TraceError e = assertThrows(Trace.TraceError.class, () -> Trace.read(f));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    /** A schedule tried on history: every sample of its range runs on its minimum plan or more, reached before it starts. */
    @org.junit.jupiter.api.Test
    void aScheduleIsTriedOnHistory() throws Exception {
        Path trace = diurnal();
        Path schedule = schedule("""
                {"timeZone": "UTC", "ranges": [{"name": "nightly batch", "days": ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"],
                  "from": "02:00", "to": "04:00", "minPlan": "rediscloud:10000"}]}""");
        List<io.redisscale.events.Plan> catalog = Backtest.catalog(CATALOG);
        long floor = catalog.stream().filter(p -> p.name().equals("rediscloud:10000")).findFirst().orElseThrow().memoryBytes();
        Map<String, io.redisscale.events.Plan> plans = catalog.stream().collect(java.util.stream.Collectors.toMap(
                io.redisscale.events.Plan::name, p -> p));
        Trace t = Trace.read(trace);
        Backtest.Result with = find(Backtest.run(t, catalog, Backtest.parse(new String[] {"--trace", trace.toString(), "--catalog",
                CATALOG.toString(), "--schedule", schedule.toString()})), "autoscaler");
        Backtest.Result without = find(Backtest.run(t, catalog, Backtest.parse(new String[] {"--trace", trace.toString(), "--catalog",
                CATALOG.toString()})), "autoscaler");
        int inRange = 0;
        for (Trace.Point p : t.points()) {
            long hour = Math.floorMod(p.at(), 86_400L) / 3600;
            if (hour >= 2 && hour < 4 && p.at() > t.points().get(0).at() + 86_400) {
                inRange++;
                String on = null;
                for (Timeline.Entry e : with.timeline().entries()) {
                    if (e.at() <= p.at()) {
                        on = e.plan();
                    }
                }
                assertTrue(plans.get(on).memoryBytes() >= floor, "at " + p.at() + " on " + on);
            }
        }
        assertTrue(inRange > 1000, "the range holds on every day of the trace");
        assertTrue(with.score().costUsd() > without.score().costUsd(), "the floor costs what it costs");
    }

    @org.junit.jupiter.api.Test
    void aScheduleNamingAPlanOutsideTheCatalogIsRefused() throws Exception {
        Path trace = diurnal();
        Path schedule = schedule("""
                {"ranges": [{"days": ["MON"], "from": "02:00", "to": "04:00", "minPlan": "no-such-plan"}]}""");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Backtest.run(Trace.read(trace),
                Backtest.catalog(CATALOG), Backtest.parse(new String[] {"--trace", trace.toString(), "--catalog", CATALOG.toString(),
                        "--schedule", schedule.toString()})));
        assertTrue(e.getMessage().contains("no-such-plan"), e.getMessage());
    }

    private static Path diurnal() {
        Path trace = SHARED.resolve("traces/synthetic-diurnal.csv");
        Assumptions.assumeTrue(Files.exists(trace), "needs ../shared beside the repository");
        return trace;
    }

    private Path schedule(String json) throws java.io.IOException {
        return Files.writeString(dir.resolve("schedule.json"), json);
    }

    private static Backtest.Result find(List<Backtest.Result> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static void assertSame(JsonNode judged, Backtest.Result ours) {
        assertEquals(judged.get("cost_usd").asDouble(), ours.score().costUsd(), 0.005, ours.name() + " cost");
        assertEquals(judged.get("memory_overflow_samples").asInt(), ours.score().memoryOverflows(), ours.name());
        assertEquals(judged.get("connection_overflow_samples").asInt(), ours.score().connectionOverflows(), ours.name());
        assertEquals(judged.get("plan_changes").asInt(), ours.score().planChanges(), ours.name());
        assertEquals(judged.get("foreseeable_overflow_samples").asInt(), ours.score().foreseeableOverflows(), ours.name() + " foreseeable");
        int over = judged.get("memory_overflow_samples").asInt() + judged.get("connection_overflow_samples").asInt();
        assertTrue(ours.score().foreseeableOverflows() + ours.score().unforeseeableOverflows() <= over, ours.name());
    }
}
