package io.redisscale.collector.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.redisscale.collector.ProblemException;
import io.redisscale.collector.plans.PlanEntity;
import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.collector.registry.InstanceRequest;
import io.redisscale.collector.registry.Instances;
import io.redisscale.events.Plan;
import io.redisscale.schedule.Schedule;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An instance's settings form and the registration form. Both go through the API's own rules
 * ({@link Instances}), so a refused value shows the API's field error beside its field; the form is read
 * and written by {@link SettingsForm}.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class SettingsPages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Instances instances;
    private final java.time.Clock clock;

    @Location("dashboard/settings.html")
    Template settings;

    SettingsPages(Instances instances, java.time.Clock clock) {
        this.instances = instances;
        this.clock = clock;
    }

    @GET
    @Path("instances/{id}/settings")
    @Transactional
    public TemplateInstance settingsPage(@PathParam("id") UUID id) {
        InstanceEntity e = instances.find(id);
        return settingsForm(e, SettingsForm.of(instances.toView(e).settings()), Map.of());
    }

    @POST
    @Path("instances/{id}/settings")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response saveSettings(@PathParam("id") UUID id, MultivaluedMap<String, String> form) {
        InstanceEntity before = instances.find(id); // an unknown instance is a 404, not a form error
        Map<String, String> was = SettingsForm.of(instances.toView(before).settings());
        Map<String, String> values = SettingsForm.values(form);
        Map<String, String> errors = new LinkedHashMap<>();
        ObjectNode patch = SettingsForm.toJson(values, errors, false);
        if (errors.isEmpty()) {
            try {
                instances.patch(id, patch, true);
                // The page then says which settings changed (by name; nothing else is taken from the link).
                List<String> changed = SettingsForm.changed(was, values);
                return Response.seeOther(URI.create("/ui/instances/" + id + "?saved=" + (changed.isEmpty() ? "none" : String.join(",", changed))))
                        .build();
            } catch (ProblemException p) {
                errors.putAll(SettingsForm.fieldErrors(p));
            }
        }
        return Response.status(422).entity(settingsForm(instances.find(id), values, errors)).build();
    }

    @GET
    @Path("instances/new")
    public TemplateInstance registerPage() {
        return settingsForm(null, SettingsForm.registrationDefaults(), Map.of());
    }

    @POST
    @Path("instances/new")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response register(MultivaluedMap<String, String> form) {
        Map<String, String> values = SettingsForm.values(form);
        Map<String, String> errors = new LinkedHashMap<>();
        ObjectNode body = SettingsForm.toJson(values, errors, true);
        if (errors.isEmpty()) {
            try {
                InstanceEntity e = instances.create(JSON.treeToValue(body, InstanceRequest.class), true);
                return Response.seeOther(URI.create("/ui/instances/" + e.id)).build();
            } catch (ProblemException p) {
                errors.putAll(SettingsForm.fieldErrors(p));
            } catch (JsonProcessingException ex) {
                errors.put("name", "the form could not be read: " + ex.getOriginalMessage());
            }
        }
        // Secrets are typed again, never sent back.
        values.remove("redisUrl");
        values.remove("apiKey");
        values.remove("secretKey");
        return Response.status(422).entity(settingsForm(null, values, errors)).build();
    }

    private TemplateInstance settingsForm(InstanceEntity e, Map<String, String> values, Map<String, String> errors) {
        List<Plan> catalog = PlanEntity.catalog().stream().filter(p -> e == null || p.service().equals(e.service))
                .sorted(Comparator.comparing(Plan::service).thenComparingLong(Plan::memoryBytes)).toList();
        return settings.data("e", e).data("v", values).data("errors", errors).data("plans", catalog).data("week", week(e, catalog));
    }

    /** The saved schedule's coming week (none for a registration or an instance without one). */
    private ScheduleWeek week(InstanceEntity e, List<Plan> catalog) {
        // The row's own schedule (null when it has none): no view, whose last sample would be one more query.
        if (e == null || e.schedule == null) {
            return null;
        }
        Map<String, Long> plans = catalog.stream().collect(java.util.stream.Collectors.toMap(Plan::name, Plan::memoryBytes));
        try {
            return ScheduleWeek.of(Schedule.of(io.redisscale.events.Events.read(e.schedule, io.redisscale.events.PlanSchedule.class), plans),
                    plans, clock.instant());
        } catch (Schedule.Invalid stale) {
            return null; // a plan it names has left the catalog: the text field still shows it, and saving says why
        }
    }
}
