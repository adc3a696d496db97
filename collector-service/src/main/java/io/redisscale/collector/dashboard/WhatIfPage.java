package io.redisscale.collector.dashboard;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.redisscale.collector.plans.PlanEntity;
import io.redisscale.collector.polling.StoredSample;
import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.collector.registry.Instances;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The what-if page: an instance's history or an uploaded trace replayed by the decision service's
 * backtester (through {@link ServiceClients}), every policy's cost and plan changes side by side.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class WhatIfPage {
    /** Under an hour of history, the hourly oracles have one hour at most to price: too short to judge a policy by. */
    static final long MIN_SPAN_SECONDS = 3_600;

    private final Instances instances;
    private final ServiceClients peers;
    private final Clock clock;

    @Location("dashboard/what-if.html")
    Template whatIf;

    WhatIfPage(Instances instances, ServiceClients peers, Clock clock) {
        this.instances = instances;
        this.peers = peers;
        this.clock = clock;
    }

    @GET
    @Path("what-if")
    public TemplateInstance whatIfPage(@QueryParam("instance") UUID selected) {
        return whatIfForm(selected, null, null, null, null);
    }

    @POST
    @Path("what-if")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public TemplateInstance runWhatIf(@RestForm String instance, @RestForm("trace") FileUpload trace, @RestForm String service,
                                      @RestForm @DefaultValue("" + InstanceConfig.DEFAULT_THRESHOLD_PERCENT) int memoryThreshold,
                                      @RestForm @DefaultValue("" + InstanceConfig.DEFAULT_THRESHOLD_PERCENT) int connectionThreshold,
                                      @RestForm String metricRate, @RestForm String scalingRate, @RestForm String schedule)
            throws IOException {
        UUID id = instance == null || instance.isBlank() ? null : UUID.fromString(instance);
        String csv;
        String source;
        String svc = service;
        // An uploaded trace is judged on the defaults a registration gets (the CLI's too); a history on its instance's rates.
        int pollEvery = InstanceConfig.DEFAULT_METRIC_RATE_SECONDS;
        int scaleEvery = InstanceConfig.DEFAULT_SCALING_RATE_SECONDS;
        // A schedule typed in is tried; left blank, a history is judged with its instance's own (a trace with none).
        String tried = schedule == null || schedule.isBlank() ? null : schedule.strip();
        if (trace != null && trace.size() > 0) {
            csv = Files.readString(trace.uploadedFile());
            source = "uploaded trace " + trace.fileName();
        } else if (id != null) {
            InstanceEntity e = QuarkusTransaction.requiringNew().call(() -> instances.find(id));
            csv = QuarkusTransaction.requiringNew().call(() -> StoredSample.csv(id, Instant.EPOCH, clock.instant()));
            source = "the history of " + e.name;
            svc = e.service;
            pollEvery = e.metricRateSeconds;
            scaleEvery = e.scalingRateSeconds;
            tried = tried != null || e.schedule == null ? tried : e.schedule;
        } else {
            return whatIfForm(null, null, null, Map.of("detail", "pick an instance or upload a trace"), null);
        }
        // Rates the user typed win; left blank, the instance's own (a history) or a registration's defaults (a trace).
        try {
            pollEvery = metricRate == null || metricRate.isBlank() ? pollEvery : Integer.parseInt(metricRate.strip());
            scaleEvery = scalingRate == null || scalingRate.isBlank() ? scaleEvery : Integer.parseInt(scalingRate.strip());
        } catch (NumberFormatException notANumber) {
            return whatIfForm(id, svc, null, Map.of("detail", "the rates are whole numbers of seconds",
                    "errors", java.util.List.of(Map.of("field", "metricRate / scalingRate", "message", "a whole number of seconds"))), null);
        }
        ServiceClients.WhatIf result = peers.whatIf(csv, svc, memoryThreshold, connectionThreshold, pollEvery, scaleEvery, tried);
        if (result.report() == null) {
            return whatIfForm(id, svc, null, result.problem(), null);
        }
        Map<String, Object> data = new LinkedHashMap<>(result.report());
        data.put("csv", csv); // the chart draws the trace's memory from it
        long span = ((Number) result.report().getOrDefault("span_seconds", 0)).longValue();
        return whatIfForm(id, svc, ScriptJson.of(data), null, Map.of("source", source, "report", result.report(),
                "metricRate", pollEvery, "scalingRate", scaleEvery, "span", span(span), "tooShort", span < MIN_SPAN_SECONDS,
                "schedule", tried == null ? "" : tried));
    }

    /** A history's length in the unit that reads best: minutes, hours or days. */
    static String span(long seconds) {
        if (seconds < 2 * 3_600) {
            return seconds / 60 + " minutes";
        }
        return seconds < 2 * 86_400 ? String.format(java.util.Locale.ROOT, "%.1f hours", seconds / 3_600.0)
                : String.format(java.util.Locale.ROOT, "%.1f days", seconds / 86_400.0);
    }

    private TemplateInstance whatIfForm(UUID selected, String service, String chart, Map<String, Object> problem,
                                        Map<String, Object> result) {
        // A short transaction of its own: the backtest call before it holds no database connection.
        return QuarkusTransaction.requiringNew().call(() -> whatIf.data("instances", InstanceEntity.<InstanceEntity>list("order by name"))
                .data("services", PlanEntity.catalog().stream().map(Plan::service).distinct().sorted().toList())
                .data("selected", selected).data("service", service).data("chart", chart).data("problem", problem)
                .data("result", result).data("threshold", InstanceConfig.DEFAULT_THRESHOLD_PERCENT));
    }
}
