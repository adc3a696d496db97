package io.redisscale.decision.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
