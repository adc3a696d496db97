package io.redisscale.decision.backtest;

import io.redisscale.decision.DecisionConfig;
import io.redisscale.decision.policy.PolicySettings;
import io.redisscale.schedule.Schedule;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.PlanCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ./autoscaler backtest}: replays a trace through the policy the decision service runs, and
 * through the reference policies, and reports cost, overflows and plan changes of each.
 */
public final class Backtest {

    /** The yardstick: the hourly oracle at the threshold (its cost is the "vs bound" column's 1.000). */
    static final String BOUND = "oracle-at-thr";
    /** The policy goal's yardstick: the safe hourly bound (the "vs safe" column's 1.000). */
    static final String SAFE = "safe-bound";

    /** One policy's result. */
    record Result(String name, Timeline timeline, Timeline.Score score) {}

    /** The options of a run. */
    public record Options(Path trace, Path catalog, int memoryThreshold, int connectionThreshold, long changeLatency,
                   int metricRate, int scalingRate, Path output, Path chart, PolicySettings settings, String schedule) {}

    public static void main(String[] args) {
        try {
            Options o = parse(args);
            Trace trace = Trace.read(o.trace());
            List<Plan> catalog = catalog(o.catalog());
            List<Result> results = run(trace, catalog, o);
            System.out.print(table(trace, o, results));
            if (o.output() != null) {
                Files.writeString(o.output(), json(trace, o, results));
            }
            if (o.chart() != null) {
                Map<String, Plan> plans = catalog.stream().collect(Collectors.toMap(Plan::name, Function.identity()));
                List<Chart.Series> series = results.stream().filter(r -> !r.name().equals("static-peak"))
                        .map(r -> new Chart.Series(r.name(), r.timeline())).toList();
                Files.writeString(o.chart(), Chart.svg(trace, plans, series, o.memoryThreshold()));
            }
        } catch (Trace.TraceError | IllegalArgumentException e) {
            System.err.println("backtest: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("backtest: " + e.getMessage());
            System.exit(1);
        }
    }

    /** A run whose caller has gone: ended early, its slot given back. */
    public static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("the what-if run's caller has gone", null, false, false);
        }
    }

    static List<Result> run(Trace trace, List<Plan> catalog, Options o) {
        return run(trace, catalog, o, () -> false);
    }

    /** As {@link #run(Trace, List, Options)}; {@code stop} ends it early (the simulation asks it as it goes). */
    static List<Result> run(Trace trace, List<Plan> catalog, Options o, java.util.function.BooleanSupplier stop) {
        Map<String, Plan> plans = catalog.stream().collect(Collectors.toMap(Plan::name, Function.identity()));
        ReferencePolicies refs = new ReferencePolicies(catalog);
        double thr = o.memoryThreshold() / 100.0;
        Plan start = start(trace, catalog, o);
        InstanceConfig instance = instance(catalog, start, o);
        PolicySettings settings = o.settings().withChangeLatency(Duration.ofSeconds(o.changeLatency()));
        Map<String, Timeline> timelines = new LinkedHashMap<>();
        Schedule schedule = o.schedule() == null ? Schedule.NONE
                : Schedule.fromJson(o.schedule(), catalog.stream().collect(Collectors.toMap(Plan::name, Plan::memoryBytes)));
        timelines.put("autoscaler", new Simulation(settings, catalog, instance, stop, schedule).run(trace, start));
        if (stop.getAsBoolean()) {
            throw new Stopped();
        }
        timelines.put("static-peak", refs.staticPeak(trace, thr));
        timelines.put("original", refs.original(trace, thr, o.scalingRate(), o.changeLatency()));
        timelines.put("hourly-oracle", refs.hourlyOracle(trace, 1.0));
        timelines.put(BOUND, refs.hourlyOracle(trace, thr));
        timelines.put(SAFE, refs.safeHourly(trace, thr));
        Surprises surprises = Surprises.of(trace, thr);
        List<Result> out = new ArrayList<>();
        timelines.forEach((name, tl) -> out.add(new Result(name, tl, tl.score(trace, plans, surprises))));
        return out;
    }

    static String table(Trace trace, Options o, List<Result> results) {
        double bound = cost(results, BOUND);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s on %s, %d samples over %.2f days, threshold %d%%/%d%%, change latency %d s%n",
                trace.name(), o.catalog().getFileName(), trace.points().size(),
                (trace.points().get(trace.points().size() - 1).at() - trace.points().get(0).at()) / 86400.0,
                o.memoryThreshold(), o.connectionThreshold(), o.changeLatency()));
        double safe = cost(results, SAFE);
        sb.append(String.format(Locale.ROOT, "%-14s %10s %10s %10s %8s %10s %12s %14s %9s%n", "policy", "cost USD", "mem over", "conn over",
                "changes", "vs bound", "foreseeable", "unforeseeable", "vs safe"));
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "%-14s %10.2f %10d %10d %8d %10.3f %12d %14d %9.3f%n", r.name(), r.score().costUsd(),
                    r.score().memoryOverflows(), r.score().connectionOverflows(), r.score().planChanges(),
                    bound == 0 ? 0 : r.score().costUsd() / bound, r.score().foreseeableOverflows(), r.score().unforeseeableOverflows(),
                    safe == 0 ? 0 : r.score().costUsd() / safe));
        }
        return sb.toString();
    }

    private static double cost(List<Result> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().score().costUsd();
    }

    static String json(Trace trace, Options o, List<Result> results) throws IOException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(report(trace, o.catalog().getFileName().toString(), results));
    }

    /** The result of a run as the JSON report ({@code --output}) and the what-if API show it. */
    static Map<String, Object> report(Trace trace, String catalog, List<Result> results) {
        double bound = cost(results, BOUND);
        double safe = cost(results, SAFE);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("trace", trace.name());
        root.put("catalog", catalog);
        root.put("samples", trace.points().size());
        root.put("span_seconds", trace.points().isEmpty() ? 0
                : trace.points().get(trace.points().size() - 1).at() - trace.points().get(0).at());
        List<Map<String, Object>> policies = new ArrayList<>();
        for (Result r : results) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", r.name());
            p.put("cost_usd", r.score().costUsd());
            p.put("memory_overflow_samples", r.score().memoryOverflows());
            p.put("connection_overflow_samples", r.score().connectionOverflows());
            p.put("plan_changes", r.score().planChanges());
            p.put("vs_bound", bound == 0 ? 0 : r.score().costUsd() / bound);
            p.put("foreseeable_overflow_samples", r.score().foreseeableOverflows());
            p.put("unforeseeable_overflow_samples", r.score().unforeseeableOverflows());
            p.put("vs_safe", safe == 0 ? 0 : r.score().costUsd() / safe);
            p.put("timeline", r.timeline().entries().stream().map(e -> Map.of("at", e.at(), "plan", e.plan())).toList());
            policies.add(p);
        }
        root.put("policies", policies);
        return root;
    }

    static List<Plan> catalog(Path file) throws IOException {
        return PlanCatalog.read(file);
    }

    public static Options parse(String[] args) {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("usage: backtest --trace FILE.csv --catalog FILE.json [--memory-threshold 80] "
                        + "[--connection-threshold 80] [--change-latency 60] [--metric-rate 60] [--scaling-rate 300] "
                        + "[--output RESULT.json] [--chart CHART.svg] [--schedule SCHEDULE.json]");
            }
            a.put(args[i].substring(2), args[++i]);
        }
        if (!a.containsKey("trace") || !a.containsKey("catalog")) {
            throw new IllegalArgumentException("--trace and --catalog are required");
        }
        PolicySettings settings = settings(a);
        return new Options(Path.of(a.get("trace")), Path.of(a.get("catalog")), num(a, "memory-threshold", InstanceConfig.DEFAULT_THRESHOLD_PERCENT),
                num(a, "connection-threshold", InstanceConfig.DEFAULT_THRESHOLD_PERCENT),
                num(a, "change-latency", (int) settings.changeLatency().toSeconds()),
                num(a, "metric-rate", InstanceConfig.DEFAULT_METRIC_RATE_SECONDS),
                num(a, "scaling-rate", InstanceConfig.DEFAULT_SCALING_RATE_SECONDS), a.containsKey("output") ? Path.of(a.get("output")) : null,
                a.containsKey("chart") ? Path.of(a.get("chart")) : null, settings,
                a.containsKey("schedule") ? readSchedule(Path.of(a.get("schedule"))) : null);
    }

    private static String readSchedule(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the schedule " + file + ": " + e.getMessage(), e);
        }
    }

    /** The plan a replay starts on: the cheapest that holds the first sample under the thresholds. */
    public static Plan start(Trace trace, List<Plan> catalog, Options o) {
        Trace.Point first = trace.points().get(0);
        return new ReferencePolicies(catalog).cheapestFitting(first.memory(), first.connections(), o.memoryThreshold() / 100.0);
    }

    /** The instance a replay runs as: the whole catalog allowed, the options' rates and thresholds. */
    public static InstanceConfig instance(List<Plan> catalog, Plan start, Options o) {
        List<Plan> bySize = catalog.stream().sorted(Comparator.comparingLong(Plan::memoryBytes)).toList();
        return InstanceConfig.defaults().id(new UUID(0, 1)).name("backtest")
                .service(catalog.get(0).service()).plan(start.name()).metricRateSeconds(o.metricRate())
                .scalingRateSeconds(o.scalingRate()).memoryThresholdPercent(o.memoryThreshold())
                .connectionThresholdPercent(o.connectionThreshold()).minPlan(bySize.get(0).name())
                .maxPlan(bySize.get(bySize.size() - 1).name()).updatedAt(Instant.EPOCH).build();
    }

    /** The policy's own knobs: the service's settings, overridden by --up-window 60 --down-window 1800 ... (seconds). */
    private static PolicySettings settings(Map<String, String> a) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String key : List.of("up-window", "down-window", "up-cooldown", "down-wait", "max-gap")) {
            if (a.containsKey(key)) {
                overrides.put("decision." + key, num(a, key, 0) + "s");
            }
        }
        if (a.containsKey("down-buffer")) {
            overrides.put("decision.down-buffer-points", String.valueOf(num(a, "down-buffer", 0)));
        }
        if (a.containsKey("max-changes-per-day")) {
            overrides.put("decision.max-changes-per-day", String.valueOf(num(a, "max-changes-per-day", 0)));
        }
        return DecisionConfig.load(overrides).policy();
    }

    private static int num(Map<String, String> a, String key, int fallback) {
        try {
            return a.containsKey(key) ? Integer.parseInt(a.get(key)) : fallback;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " takes a whole number, not '" + a.get(key) + "'");
        }
    }

    private Backtest() {}
}
