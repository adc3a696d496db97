package io.redisscale.collector.dashboard;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.redisscale.collector.plans.PlanEntity;
import io.redisscale.collector.polling.SampleEntity;
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
                                      @RestForm @DefaultValue("" + InstanceConfig.DEFAULT_THRESHOLD_PERCENT) int connectionThreshold) throws IOException {
        UUID id = instance == null || instance.isBlank() ? null : UUID.fromString(instance);
        String csv;
        String source;
        String svc = service;
        // An uploaded trace is judged on the defaults a registration gets (the CLI's too); a history on its instance's rates.
        int metricRate = InstanceConfig.DEFAULT_METRIC_RATE_SECONDS;
        int scalingRate = InstanceConfig.DEFAULT_SCALING_RATE_SECONDS;
        if (trace != null && trace.size() > 0) {
            csv = Files.readString(trace.uploadedFile());
            source = "uploaded trace " + trace.fileName();
        } else if (id != null) {
            InstanceEntity e = QuarkusTransaction.requiringNew().call(() -> instances.find(id));
            csv = QuarkusTransaction.requiringNew().call(() -> SampleEntity.csv(id, Instant.EPOCH, clock.instant()));
            source = "the history of " + e.name;
            svc = e.service;
            metricRate = e.metricRateSeconds;
            scalingRate = e.scalingRateSeconds;
        } else {
            return whatIfForm(null, null, null, Map.of("detail", "pick an instance or upload a trace"), null);
        }
        ServiceClients.WhatIf result = peers.whatIf(csv, svc, memoryThreshold, connectionThreshold, metricRate, scalingRate);
        if (result.report() == null) {
            return whatIfForm(id, svc, null, result.problem(), null);
        }
        Map<String, Object> data = new LinkedHashMap<>(result.report());
        data.put("csv", csv); // the chart draws the trace's memory from it
        return whatIfForm(id, svc, ScriptJson.of(data), null, Map.of("source", source, "report", result.report()));
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
