package io.redisscale.collector.dashboard;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.redisscale.collector.plans.PlanEntity;
import io.redisscale.collector.registry.DecisionView;
import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.collector.savings.Savings;
import io.redisscale.collector.savings.SavingsResource;
import io.redisscale.events.Plan;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** The fleet page ({@code /ui}): every instance a row ({@link FleetRow}), sorted, filtered, a page at a time, and the fleet's totals. */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class FleetPage {
    private final io.redisscale.collector.savings.LedgerFolder ledger;

    @Location("dashboard/fleet.html")
    Template fleet;

    FleetPage(io.redisscale.collector.savings.LedgerFolder ledger) {
        this.ledger = ledger;
    }

    @GET
    @Transactional
    public TemplateInstance fleetPage(@QueryParam("sort") @DefaultValue("name") String sort, @QueryParam("dir") @DefaultValue("asc") String dir,
                                      @QueryParam("q") String filter, @QueryParam("page") @DefaultValue("1") String page) {
        Map<String, Plan> plans = PlanEntity.byName();
        Map<UUID, Double> saved = new HashMap<>();
        SavingsResource.Report month = ledger.month(); // held for a minute: not worked out per view
        month.instances().forEach(i -> saved.put(i.id(), i.periods().isEmpty() ? 0 : i.periods().get(0).savedVsRegisteredUsd()));
        Map<UUID, Object[]> latest = latestSamples();
        List<FleetRow> rows = new ArrayList<>();
        for (InstanceEntity e : InstanceEntity.<InstanceEntity>listAll()) {
            Object[] s = latest.get(e.id);
            DecisionView d = DecisionView.of(e);
            boolean changing = d != null && d.outcome() == null;
            rows.add(FleetRow.of(e, plans.get(e.plan), s == null ? null : ((Number) s[0]).longValue(),
                    s == null ? null : ((Number) s[1]).intValue(), changing, saved.getOrDefault(e.id, 0.0)));
        }
        boolean descending = dir.equals("desc");
        List<FleetRow> sorted = FleetRow.sorted(rows, sort, descending);
        Savings.Line total = month.fleet().isEmpty() ? null : month.fleet().get(0);
        // A page number that is not one (an edited link) shows the first page rather than an error page.
        int number = page.strip().matches("\\d{1,9}") ? Integer.parseInt(page.strip()) : 1;
        FleetRow.Page shown = FleetRow.page(sorted, filter, number, FleetRow.PAGE_SIZE);
        return fleet.data("rows", shown.rows()).data("page", shown).data("q", filter == null ? "" : filter.strip())
                .data("sort", FleetRow.SORTS.containsKey(sort) ? sort : "name").data("descending", descending)
                .data("dir", descending ? "desc" : "asc").data("instances", rows.size())
                .data("monthlyUsd", rows.stream().mapToDouble(FleetRow::priceMonthUsd).sum())
                .data("savedUsd", total == null ? 0 : total.savedVsRegisteredUsd())
                .data("costUsd", total == null ? 0 : total.costUsd())
                .data("breaching", rows.stream().filter(FleetRow::breaching).count());
    }

    /** Each instance's newest answered poll: used memory, connections (never packed away: {@code SamplePacker}). */
    @SuppressWarnings("unchecked")
    private static Map<UUID, Object[]> latestSamples() {
        List<Object[]> rows = InstanceEntity.getEntityManager().createNativeQuery("SELECT i.id, s.used_memory, s.connected_clients "
                + "FROM instance i CROSS JOIN LATERAL (SELECT used_memory, connected_clients FROM sample_recent m "
                + "WHERE m.instance_id = i.id AND m.status = 'ok' ORDER BY m.at DESC LIMIT 1) s").getResultList();
        return rows.stream().collect(Collectors.toMap(r -> (UUID) r[0], r -> new Object[] {r[1], r[2]}));
    }
}
