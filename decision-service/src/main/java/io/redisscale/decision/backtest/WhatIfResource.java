package io.redisscale.decision.backtest;

import io.redisscale.decision.DecisionConfig;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Replica;
import io.redisscale.runtime.api.Problem;
import io.redisscale.schedule.Schedule;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What-if: a trace (the backtester's CSV, e.g. an instance's {@code metrics.csv}) replayed through the
 * backtester on the live catalog of one add-on service, with this service's own policy settings.
 */
@jakarta.ws.rs.Path("/api/v1/what-if")
public class WhatIfResource {
    /** About 69 days at 30 s: a run stays a few seconds of one core. */
    static final int MAX_ROWS = 200_000;
    static final int MIN_METRIC_RATE = 30;
    /**
     * A plan schedule tried on the trace: its JSON, as {@code ./autoscaler backtest --schedule} reads it, in the query
     * string (URL-encoded it must fit the 4 KB request line): about ten ranges.
     */
    static final int MAX_SCHEDULE_CHARS = 1_200;

    private final Replica replica;
    private final DecisionConfig config;
    private final WhatIfSlots slots;

    private final io.micrometer.core.instrument.Counter stopped;

    WhatIfResource(Replica replica, DecisionConfig config, WhatIfSlots slots, io.micrometer.core.instrument.MeterRegistry meters) {
        this.stopped = io.micrometer.core.instrument.Counter.builder("autoscaler.what_if.stopped")
                .description("what-if runs ended early because their caller had gone").register(meters);
        this.replica = replica;
        this.config = config;
        this.slots = slots;
    }

    @POST
    @Consumes("text/csv")
    @Produces(MediaType.APPLICATION_JSON)
    public Response run(String csv, @QueryParam("service") String service,
                        @QueryParam("memoryThreshold") @DefaultValue("" + InstanceConfig.DEFAULT_THRESHOLD_PERCENT) int memoryThreshold,
                        @QueryParam("connectionThreshold") @DefaultValue("" + InstanceConfig.DEFAULT_THRESHOLD_PERCENT) int connectionThreshold,
                        @QueryParam("metricRate") @DefaultValue("" + InstanceConfig.DEFAULT_METRIC_RATE_SECONDS) int metricRate,
                        @QueryParam("scalingRate") @DefaultValue("" + InstanceConfig.DEFAULT_SCALING_RATE_SECONDS) int scalingRate,
                        @QueryParam("schedule") String schedule, @jakarta.ws.rs.core.Context UriInfo uri,
                        @jakarta.ws.rs.core.Context io.vertx.core.http.HttpServerRequest request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<Plan> catalog = replica.snapshot(Topics.PLANS, Plan.class).values().stream()
                .filter(p -> p.service().equals(service)).sorted(Comparator.comparingLong(Plan::memoryBytes)).toList();
        if (catalog.isEmpty()) {
            errors.add(new Problem.FieldError("service", "no plans of service '" + service + "' are known"));
        }
        check(errors, "memoryThreshold", memoryThreshold, 1, 100);
        check(errors, "connectionThreshold", connectionThreshold, 1, 100);
        // The poll floor of production (the collector never polls faster), and bounded work per run.
        check(errors, "metricRate", metricRate, MIN_METRIC_RATE, 86_400);
        check(errors, "scalingRate", scalingRate, 1, 86_400);
        Trace trace = null;
        try {
            trace = Trace.read("trace", new BufferedReader(new StringReader(csv == null ? "" : csv)));
        } catch (Trace.TraceError e) {
            errors.add(new Problem.FieldError("trace", e.getMessage()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (schedule != null && !schedule.isBlank()) {
            if (schedule.length() > MAX_SCHEDULE_CHARS) {
                errors.add(new Problem.FieldError("schedule", "at most " + MAX_SCHEDULE_CHARS + " characters"));
            } else if (!catalog.isEmpty()) {
                try {
                    Schedule.fromJson(schedule, catalog.stream().collect(java.util.stream.Collectors.toMap(Plan::name, Plan::memoryBytes)));
                } catch (Schedule.Invalid e) {
                    e.refusals().forEach(r -> errors.add(new Problem.FieldError(
                            r.field().equals("schedule") ? "schedule" : "schedule." + r.field(), r.message())));
                }
            }
        }
        if (trace != null && trace.points().size() > MAX_ROWS) {
            errors.add(new Problem.FieldError("trace", "at most " + MAX_ROWS + " rows (" + trace.points().size() + " given)"));
        }
        if (!errors.isEmpty()) {
            return Response.status(400).type(Problem.MEDIA_TYPE).entity(new Problem("about:blank", "Bad Request", 400,
                    "the what-if run cannot start: " + errors.get(0).message(), uri.getPath(), errors)).build();
        }
        if (!slots.tryTake()) {
            return Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", "5").entity(new Problem("about:blank",
                    "Too Many Requests", 429, "as many what-if runs as the service allows are running; try again in a few seconds",
                    uri.getPath(), List.of())).build();
        }
        try {
            Backtest.Options o = new Backtest.Options(Path.of("trace.csv"), Path.of(service), memoryThreshold, connectionThreshold,
                    config.policy().changeLatency().toSeconds(), metricRate, scalingRate, null, null, config.policy(),
                    schedule == null || schedule.isBlank() ? null : schedule);
            // A caller that has gone (closed the page, timed out) wants no answer: the run ends, the slot comes back.
            Map<String, Object> report = new LinkedHashMap<>(Backtest.report(trace, service,
                    Backtest.run(trace, catalog, o, () -> request.response().closed())));
            report.put("plans", catalog);
            return Response.ok(report).build();
        } catch (Backtest.Stopped gone) {
            stopped.increment();
            return Response.status(503).build(); // nobody reads it
        } finally {
            slots.give();
        }
    }

    private static void check(List<Problem.FieldError> errors, String field, int value, int min, int max) {
        if (value < min || value > max) {
            errors.add(new Problem.FieldError(field, "must be between " + min + " and " + max));
        }
    }
}
