package io.redisscale.collector.dashboard;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.redisscale.collector.plans.PlanEntity;
import io.redisscale.collector.polling.StoredSample;
import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.collector.registry.InstanceResource;
import io.redisscale.collector.registry.Instances;
import io.redisscale.collector.savings.Ledger;
import io.redisscale.collector.savings.Savings;
import io.redisscale.collector.savings.SavingsResource;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Plan;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One instance's page ({@code /ui/instances/{id}}): its charts ({@link InstanceChart}) with every plan change
 * and the decision behind it, its savings, and the decisions, actions and notifications the other services
 * hold ({@link ServiceClients}); and its history as CSV for a signed-in browser.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class InstancePage {
    private final Instances instances;
    private final SavingsResource savings;
    private final ServiceClients peers;
    private final Clock clock;
    private final InstanceResource api;

    @Location("dashboard/instance.html")
    Template instance;

    InstancePage(Instances instances, SavingsResource savings, ServiceClients peers, Clock clock, InstanceResource api) {
        this.instances = instances;
        this.savings = savings;
        this.peers = peers;
        this.clock = clock;
        this.api = api;
    }

    /** The ranges the instance page charts. */
    enum Range {
        hour(Duration.ofHours(1)), day(Duration.ofDays(1)), all(null);

        final Duration span;

        Range(Duration span) {
            this.span = span;
        }
    }

    @GET
    @Path("instances/{id}")
    public TemplateInstance instancePage(@PathParam("id") UUID id, @QueryParam("range") @DefaultValue("day") String range,
                                         @QueryParam("saved") String saved) {
        // After a save: which settings changed, by their labels (only known names are taken from the link).
        List<String> savedLabels = saved == null ? null : Arrays.stream(saved.split(","))
                .map(SettingsForm.LABELS::get).filter(java.util.Objects::nonNull).toList();
        Range r = Arrays.stream(Range.values()).filter(x -> x.name().equals(range)).findFirst().orElse(Range.day);
        // The other services first, outside the transaction: no database connection waits on them.
        ServiceClients.Fetched decisions = peers.decisions(id);
        ServiceClients.Fetched actions = peers.actions(id);
        ServiceClients.Fetched notifications = peers.notifications(id);
        return QuarkusTransaction.requiringNew().call(() -> {
            InstanceEntity e = instances.find(id);
            Instant now = clock.instant();
            Instant from = r.span == null ? Instant.EPOCH : now.minus(r.span);
            Map<String, Plan> plans = PlanEntity.byName();
            List<StoredSample> samples = StoredSample.<StoredSample>find("instanceId = ?1 and status = ?2 and at >= ?3 order by at", id,
                    MetricSample.Status.ok.name(), from).list();
            Instant chartFrom = samples.isEmpty() ? now : samples.get(0).at;
            InstanceChart chart = InstanceChart.of(e, samples, Ledger.history(List.of(id)).getOrDefault(id, List.of()), plans,
                    decisions.items(), actions.items(), chartFrom, now);
            SavingsResource.Report month = savings.savings(null, null, "month", id);
            List<Savings.Line> periods = month.instances().get(0).periods();
            return instance.data("e", e).data("range", r.name()).data("chart", ScriptJson.of(chart))
                    .data("points", samples.size()).data("plan", plans.get(e.plan)).data("saved", periods.isEmpty() ? null : periods.get(0))
                    .data("decisions", decisions).data("actions", actions).data("notifications", notifications)
                    .data("changes", chart.changes()).data("savedLabels", savedLabels)
                    .data("availability", InstanceChart.availabilities(actions.items()));
        });
    }

    /** The history as the API exports it, for a signed-in browser (the API itself wants a bearer token). */
    @GET
    @Path("instances/{id}/metrics.csv")
    @Produces("text/csv")
    public Response metricsCsv(@PathParam("id") UUID id) {
        return api.metricsCsv(id, null, null);
    }
}
