package io.redisscale.collector.dashboard;

import io.redisscale.collector.ProblemException;
import io.redisscale.collector.plans.PlanEntity;
import io.redisscale.collector.polling.SampleEntity;
import io.redisscale.collector.registry.DecisionView;
import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.collector.registry.InstanceRequest;
import io.redisscale.collector.registry.InstanceResource;
import io.redisscale.collector.registry.Instances;
import io.redisscale.collector.savings.Ledger;
import io.redisscale.collector.savings.Savings;
import io.redisscale.collector.savings.SavingsResource;
import io.redisscale.events.InstanceConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.redisscale.events.Events;
import io.redisscale.events.Plan;
import io.redisscale.runtime.api.BearerAuth;
import io.redisscale.runtime.api.Problem;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/**
 * The web dashboard: server-rendered pages on the collector, same origin as the API. A sign-in with an
 * API token sets an HttpOnly, SameSite=Strict session cookie ({@link SessionCookie}, checked by
 * {@link DashboardAuth}); no token ever travels in a URL. Settings and registrations go through the
 * API's own rules, so a refused value shows the API's field error beside its field.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class Dashboard {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom NONCES = new SecureRandom();
    /** The form's number fields: the API's names. */
    private static final List<String> NUMBERS = List.of("metricRateSeconds", "scalingRateSeconds", "memoryThresholdPercent",
            "connectionThresholdPercent");

    private final Instances instances;
    private final SavingsResource savings;
    private final ServiceClients peers;
    private final Clock clock;
    private final SessionCookie session;
    private final BearerAuth tokens;
    private final InstanceResource api;

    @Location("dashboard/sign-in.html")
    Template signIn;
    @Location("dashboard/fleet.html")
    Template fleet;
    @Location("dashboard/instance.html")
    Template instance;
    @Location("dashboard/settings.html")
    Template settings;
    @Location("dashboard/what-if.html")
    Template whatIf;

    Dashboard(Instances instances, SavingsResource savings, ServiceClients peers, Clock clock, SessionCookie session, BearerAuth tokens,
              InstanceResource api) {
        this.instances = instances;
        this.savings = savings;
        this.peers = peers;
        this.clock = clock;
        this.session = session;
        this.tokens = tokens;
        this.api = api;
    }

    // ------------------------------------------------------------------ sign-in

    @GET
    @Path("sign-in")
    public TemplateInstance signInPage(@QueryParam("next") String next) {
        return signIn.data("next", safeNext(next)).data("error", null);
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@RestForm String token, @RestForm String next, @Context HttpHeaders headers) {
        if (token == null || token.isBlank() || !tokens.accepts(token.trim())) {
            return Response.status(401).entity(signIn.data("next", safeNext(next)).data("error", "That token is not one of the API tokens.")).build();
        }
        byte[] nonce = new byte[16];
        NONCES.nextBytes(nonce);
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookie(session.issue(nonce), (int) session.lifetime().toSeconds(), headers)).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut(@Context HttpHeaders headers) {
        return Response.seeOther(URI.create("/ui/sign-in")).cookie(cookie("", 0, headers)).build();
    }

    private static NewCookie cookie(String value, int maxAge, HttpHeaders headers) {
        // Secure whenever the browser came over HTTPS (directly or through a router such as Heroku's).
        boolean https = "https".equalsIgnoreCase(headers.getHeaderString("X-Forwarded-Proto"));
        return new NewCookie.Builder(SessionCookie.NAME).value(value).path("/ui").httpOnly(true).secure(https)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    /** Only a dashboard path: never an absolute URL another site could send someone to. */
    static String safeNext(String next) {
        return next != null && next.startsWith("/ui") && !next.startsWith("//") && !next.contains("\\") ? next : "/ui";
    }

    // ------------------------------------------------------------------ fleet

    @GET
    @Transactional
    public TemplateInstance fleetPage(@QueryParam("sort") @DefaultValue("name") String sort, @QueryParam("dir") @DefaultValue("asc") String dir,
                                      @QueryParam("q") String filter, @QueryParam("page") @DefaultValue("1") String page) {
        Map<String, Plan> plans = plans();
        Map<UUID, Double> saved = new HashMap<>();
        SavingsResource.Report month = savings.savings(null, null, "month", null);
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

    /** Each instance's newest answered poll: used memory, connections. */
    @SuppressWarnings("unchecked")
    private static Map<UUID, Object[]> latestSamples() {
        List<Object[]> rows = InstanceEntity.getEntityManager().createNativeQuery("SELECT i.id, s.used_memory, s.connected_clients "
                + "FROM instance i CROSS JOIN LATERAL (SELECT used_memory, connected_clients FROM metric_sample m "
                + "WHERE m.instance_id = i.id AND m.status = 'ok' ORDER BY m.at DESC LIMIT 1) s").getResultList();
        return rows.stream().collect(Collectors.toMap(r -> (UUID) r[0], r -> new Object[] {r[1], r[2]}));
    }

    // ------------------------------------------------------------------ one instance

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
    public TemplateInstance instancePage(@PathParam("id") UUID id, @QueryParam("range") @DefaultValue("day") String range) {
        Range r = java.util.Arrays.stream(Range.values()).filter(x -> x.name().equals(range)).findFirst().orElse(Range.day);
        // The other services first, outside the transaction: no database connection waits on them.
        ServiceClients.Fetched decisions = peers.decisions(id);
        ServiceClients.Fetched actions = peers.actions(id);
        ServiceClients.Fetched notifications = peers.notifications(id);
        return QuarkusTransaction.requiringNew().call(() -> {
            InstanceEntity e = instances.find(id);
            Instant now = clock.instant();
            Instant from = r.span == null ? Instant.EPOCH : now.minus(r.span);
            Map<String, Plan> plans = plans();
            List<SampleEntity> samples = SampleEntity.<SampleEntity>find("instanceId = ?1 and status = ?2 and at >= ?3 order by at", id,
                    io.redisscale.events.MetricSample.Status.ok.name(), from).list();
            Instant chartFrom = samples.isEmpty() ? now : samples.get(0).at;
            Map<String, Object> chart = chart(e, samples, Ledger.history(List.of(id)).getOrDefault(id, List.of()), plans,
                    decisions.items(), actions.items(), chartFrom, now);
            SavingsResource.Report month = savings.savings(null, null, "month", id);
            List<Savings.Line> periods = month.instances().get(0).periods();
            return instance.data("e", e).data("range", r.name()).data("chart", scriptJson(chart))
                    .data("points", samples.size()).data("plan", plans.get(e.plan)).data("saved", periods.isEmpty() ? null : periods.get(0))
                    .data("decisions", decisions).data("actions", actions).data("notifications", notifications)
                    .data("changes", chart.get("changes"));
        });
    }

    /**
     * What the instance page plots: samples as [epoch ms, value], plan capacity and threshold as steps
     * from the plan history, and each plan change that took effect with the decision that asked for it.
     */
    static Map<String, Object> chart(InstanceEntity e, List<SampleEntity> samples, List<Savings.PlanSince> history,
                                     Map<String, Plan> plans, List<Map<String, Object>> decisions,
                                     List<Map<String, Object>> actions, Instant from, Instant to) {
        List<long[]> memory = new ArrayList<>();
        List<long[]> connections = new ArrayList<>();
        for (SampleEntity s : samples) {
            memory.add(new long[] {s.at.toEpochMilli(), s.usedMemory});
            connections.add(new long[] {s.at.toEpochMilli(), s.connectedClients});
        }
        List<double[]> memCap = new ArrayList<>();
        List<double[]> memThr = new ArrayList<>();
        List<double[]> connCap = new ArrayList<>();
        List<double[]> connThr = new ArrayList<>();
        for (int i = 0; i < history.size(); i++) {
            Instant start = history.get(i).from().isBefore(from) ? from : history.get(i).from();
            Instant end = i + 1 < history.size() ? history.get(i + 1).from() : to;
            Plan p = plans.get(history.get(i).plan());
            if (p == null || !end.isAfter(from)) {
                continue;
            }
            for (Instant t : List.of(start, end.isAfter(to) ? to : end)) {
                memCap.add(new double[] {t.toEpochMilli(), p.memoryBytes()});
                memThr.add(new double[] {t.toEpochMilli(), p.memoryBytes() * e.memoryThresholdPercent / 100.0});
                if (!p.unlimitedConnections()) {
                    connCap.add(new double[] {t.toEpochMilli(), p.maxConnections()});
                    connThr.add(new double[] {t.toEpochMilli(), p.maxConnections() * e.connectionThresholdPercent / 100.0});
                }
            }
        }
        Map<Object, Map<String, Object>> byCommand = decisions.stream().filter(d -> d.get("commandId") != null)
                .collect(Collectors.toMap(d -> d.get("commandId"), Function.identity(), (a, b) -> a));
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Map<String, Object> a : actions) {
            Object finished = a.get("finishedAt");
            if (!"succeeded".equals(a.get("outcome")) || finished == null) {
                continue;
            }
            Instant at = Instant.parse(finished.toString());
            if (at.isBefore(from) || at.isAfter(to)) {
                continue;
            }
            Map<String, Object> d = byCommand.getOrDefault(a.get("commandId"), Map.of());
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("at", at.toEpochMilli());
            c.put("time", at.toString());
            c.put("label", a.get("direction") + ": " + a.get("fromPlan") + " → " + a.get("toPlan"));
            c.put("reasonCode", d.get("reasonCode"));
            c.put("reason", d.get("reason"));
            changes.add(c);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memory", memory);
        out.put("connections", connections);
        out.put("memoryCapacity", memCap);
        out.put("memoryThreshold", memThr);
        out.put("connectionCapacity", connCap);
        out.put("connectionThreshold", connThr);
        out.put("changes", changes);
        return out;
    }

    /** The history as the API exports it, for a signed-in browser (the API itself wants a bearer token). */
    @GET
    @Path("instances/{id}/metrics.csv")
    @Produces("text/csv")
    public Response metricsCsv(@PathParam("id") UUID id) {
        return api.metricsCsv(id, null, null);
    }

    // ------------------------------------------------------------------ settings and registration

    @GET
    @Path("instances/{id}/settings")
    @Transactional
    public TemplateInstance settingsPage(@PathParam("id") UUID id) {
        InstanceEntity e = instances.find(id);
        return settingsForm(e, formOf(instances.toView(e).settings()), Map.of());
    }

    @POST
    @Path("instances/{id}/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveSettings(@PathParam("id") UUID id, MultivaluedMap<String, String> form) {
        instances.find(id); // an unknown instance is a 404, not a form error
        Map<String, String> values = values(form);
        Map<String, String> errors = new LinkedHashMap<>();
        ObjectNode patch = toJson(values, errors, false);
        if (errors.isEmpty()) {
            try {
                instances.patch(id, patch, true);
                return Response.seeOther(URI.create("/ui/instances/" + id + "?saved=1")).build();
            } catch (ProblemException p) {
                errors.putAll(fieldErrors(p));
            }
        }
        return Response.status(422).entity(settingsForm(instances.find(id), values, errors)).build();
    }

    @GET
    @Path("instances/new")
    public TemplateInstance registerPage() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("provider", "local");
        defaults.put("scalingEnabled", "on");
        return settingsForm(null, defaults, Map.of());
    }

    @POST
    @Path("instances/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(MultivaluedMap<String, String> form) {
        Map<String, String> values = values(form);
        Map<String, String> errors = new LinkedHashMap<>();
        ObjectNode body = toJson(values, errors, true);
        if (errors.isEmpty()) {
            try {
                InstanceEntity e = instances.create(JSON.treeToValue(body, InstanceRequest.class), true);
                return Response.seeOther(URI.create("/ui/instances/" + e.id)).build();
            } catch (ProblemException p) {
                errors.putAll(fieldErrors(p));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                errors.put("name", "the form could not be read: " + ex.getOriginalMessage());
            }
        }
        values.remove("redisUrl"); // it may hold a password: typed again, never sent back
        return Response.status(422).entity(settingsForm(null, values, errors)).build();
    }

    private TemplateInstance settingsForm(InstanceEntity e, Map<String, String> values, Map<String, String> errors) {
        List<Plan> catalog = PlanEntity.catalog().stream().filter(p -> e == null || p.service().equals(e.service))
                .sorted(java.util.Comparator.comparing(Plan::service).thenComparingLong(Plan::memoryBytes)).toList();
        return settings.data("e", e).data("v", values).data("errors", errors).data("plans", catalog);
    }

    /** The settings as the form shows them: strings by API field name, checkboxes "on" when true. */
    private static Map<String, String> formOf(InstanceRequest s) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", s.name());
        v.put("plan", s.plan());
        v.put("metricRateSeconds", String.valueOf(s.metricRateSeconds()));
        v.put("scalingRateSeconds", String.valueOf(s.scalingRateSeconds()));
        v.put("memoryThresholdPercent", String.valueOf(s.memoryThresholdPercent()));
        v.put("connectionThresholdPercent", String.valueOf(s.connectionThresholdPercent()));
        v.put("minPlan", s.minPlan());
        v.put("maxPlan", s.maxPlan());
        v.put("recipients", s.recipients() == null ? "" : String.join(", ", s.recipients()));
        if (Boolean.TRUE.equals(s.scalingEnabled())) {
            v.put("scalingEnabled", "on");
        }
        if (Boolean.TRUE.equals(s.dryRun())) {
            v.put("dryRun", "on");
        }
        if (s.notifications() != null) {
            if (Boolean.TRUE.equals(s.notifications().thresholdBreach())) {
                v.put("thresholdBreach", "on");
            }
            if (Boolean.TRUE.equals(s.notifications().scalingSuccess())) {
                v.put("scalingSuccess", "on");
            }
            if (Boolean.TRUE.equals(s.notifications().scalingFailure())) {
                v.put("scalingFailure", "on");
            }
        }
        return v;
    }

    private static Map<String, String> values(MultivaluedMap<String, String> form) {
        Map<String, String> v = new LinkedHashMap<>();
        form.forEach((k, l) -> v.put(k, l.isEmpty() ? "" : l.get(0).trim()));
        return v;
    }

    /**
     * The form as the API's JSON: numbers parsed (a non-number is this field's error), unticked boxes
     * false, recipients split on commas; for a registration, the instance's identity fields too.
     */
    static ObjectNode toJson(Map<String, String> v, Map<String, String> errors, boolean registration) {
        ObjectNode o = JSON.createObjectNode();
        if (registration) {
            for (String f : List.of("name", "provider", "herokuApp", "configVar", "redisUrl", "plan")) {
                if (!v.getOrDefault(f, "").isEmpty()) {
                    o.put(f, v.get(f));
                }
            }
        }
        for (String f : NUMBERS) {
            String s = v.getOrDefault(f, "");
            if (s.isEmpty()) {
                if (!registration) {
                    errors.put(f, "is required");
                }
                continue;
            }
            try {
                o.put(f, Integer.parseInt(s));
            } catch (NumberFormatException ex) {
                errors.put(f, "must be a whole number");
            }
        }
        for (String f : List.of("minPlan", "maxPlan")) {
            if (!v.getOrDefault(f, "").isEmpty()) {
                o.put(f, v.get(f));
            }
        }
        o.put("scalingEnabled", v.containsKey("scalingEnabled"));
        o.put("dryRun", v.containsKey("dryRun"));
        ObjectNode notify = o.putObject("notify");
        for (String f : List.of("thresholdBreach", "scalingSuccess", "scalingFailure")) {
            notify.put(f, v.containsKey(f));
        }
        var recipients = o.putArray("recipients");
        for (String r : v.getOrDefault("recipients", "").split(",")) {
            if (!r.isBlank()) {
                recipients.add(r.trim());
            }
        }
        return o;
    }

    /** The API's field errors by form field: {@code recipients[1]} is the recipients field, {@code notify.x} is x. */
    private static Map<String, String> fieldErrors(ProblemException p) {
        Map<String, String> out = new LinkedHashMap<>();
        if (p.errors.isEmpty()) {
            out.put("form", p.getMessage());
        }
        for (Problem.FieldError f : p.errors) {
            String field = f.field().replaceAll("\\[\\d+]$", "").replaceFirst("^notify\\.", "");
            out.merge(field, f.message(), (a, b) -> a + "; " + b);
        }
        return out;
    }

    // ------------------------------------------------------------------ what-if

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
        return whatIfForm(id, svc, scriptJson(data), null, Map.of("source", source, "report", result.report()));
    }

    private TemplateInstance whatIfForm(UUID selected, String service, String chart, Map<String, Object> problem,
                                        Map<String, Object> result) {
        // A short transaction of its own: the backtest call before it holds no database connection.
        return QuarkusTransaction.requiringNew().call(() -> whatIf.data("instances", InstanceEntity.<InstanceEntity>list("order by name"))
                .data("services", PlanEntity.catalog().stream().map(Plan::service).distinct().sorted().toList())
                .data("selected", selected).data("service", service).data("chart", chart).data("problem", problem)
                .data("result", result));
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, Plan> plans() {
        return PlanEntity.catalog().stream().collect(Collectors.toMap(Plan::name, Function.identity()));
    }

    /** JSON for a {@code <script type="application/json">} element: "<" escaped, so no value can end the element. */
    static String scriptJson(Object value) {
        return Events.write(value).replace("<", "\\u003c");
    }
}
