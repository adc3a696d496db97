package io.redisscale.collector.dashboard;

import io.redisscale.events.Events;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The other services' APIs, as the dashboard reads them: decisions and what-if runs (decision service),
 * actions with their Heroku steps (actuator), notifications sent (notifier). Each service stays the one
 * source of its records; a service that does not answer is shown as such, not as an empty history.
 */
@ApplicationScoped
public class ServiceClients {

    @RegisterRestClient(configKey = "decision")
    @Path("/api/v1")
    public interface DecisionApi {
        @GET
        @Path("/instances/{id}/decisions")
        List<Map<String, Object>> decisions(@HeaderParam("Authorization") String auth, @PathParam("id") UUID id,
                                            @QueryParam("limit") int limit);

        @POST
        @Path("/what-if")
        @Consumes("text/csv")
        Response whatIf(@HeaderParam("Authorization") String auth, String csv, @QueryParam("service") String service,
                        @QueryParam("memoryThreshold") int memoryThreshold, @QueryParam("connectionThreshold") int connectionThreshold,
                        @QueryParam("metricRate") int metricRate, @QueryParam("scalingRate") int scalingRate,
                        @QueryParam("schedule") String schedule);
    }

    @RegisterRestClient(configKey = "actuator")
    @Path("/api/v1")
    public interface ActuatorApi {
        @GET
        @Path("/actions")
        List<Map<String, Object>> actions(@HeaderParam("Authorization") String auth, @QueryParam("instance") UUID instance);

        @GET
        @Path("/providers/stats")
        List<Map<String, Object>> providerStats(@HeaderParam("Authorization") String auth);
    }

    @RegisterRestClient(configKey = "notifier")
    @Path("/api/v1")
    public interface NotifierApi {
        @GET
        @Path("/notifications")
        List<Map<String, Object>> notifications(@HeaderParam("Authorization") String auth, @QueryParam("instance") UUID instance);
    }

    /** A list read from another service, or why it could not be read. */
    public record Fetched(List<Map<String, Object>> items, String error) {
        static Fetched failed(String service, Exception e) {
            return new Fetched(List.of(), "the " + service + " did not answer (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A what-if run's report, or the decision service's problem with the request. */
    public record WhatIf(Map<String, Object> report, Map<String, Object> problem) {}

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ServiceClients.class);

    private final DecisionApi decision;
    private final ActuatorApi actuator;
    private final NotifierApi notifier;
    private final String auth;

    ServiceClients(@RestClient DecisionApi decision, @RestClient ActuatorApi actuator, @RestClient NotifierApi notifier,
          @ConfigProperty(name = "autoscaler.service-token") Optional<String> serviceToken,
          @ConfigProperty(name = "autoscaler.api-tokens") Optional<List<String>> tokens) {
        this.decision = decision;
        this.actuator = actuator;
        this.notifier = notifier;
        // The services' own token (a viewer's rights); without one, as before, the first user token.
        String token = serviceToken.map(String::trim).filter(t -> !t.isEmpty()).orElseGet(() -> {
            LOG.warn("AUTOSCALER_SERVICE_TOKEN is not set: the dashboard calls the other services with the first API token");
            return tokens.orElse(List.of()).stream().map(String::trim).filter(t -> !t.isEmpty()).findFirst().orElse("");
        });
        this.auth = "Bearer " + token;
    }

    Fetched decisions(UUID id) {
        return fetch("decision service", () -> decision.decisions(auth, id, 200));
    }

    Fetched actions(UUID id) {
        return fetch("actuator", () -> actuator.actions(auth, id));
    }

    Fetched providerStats() {
        return fetch("actuator", () -> actuator.providerStats(auth));
    }

    Fetched notifications(UUID id) {
        return fetch("notifier", () -> notifier.notifications(auth, id));
    }

    private static Fetched fetch(String service, java.util.function.Supplier<List<Map<String, Object>>> call) {
        try {
            return new Fetched(call.get(), null);
        } catch (RuntimeException e) {
            return Fetched.failed(service, e);
        }
    }

    @SuppressWarnings("unchecked")
    WhatIf whatIf(String csv, String service, int memoryThreshold, int connectionThreshold, int metricRate, int scalingRate,
                  String schedule) {
        try (Response r = decision.whatIf(auth, csv, service, memoryThreshold, connectionThreshold, metricRate, scalingRate, schedule)) {
            Map<String, Object> body = Events.read(r.readEntity(String.class), Map.class);
            return r.getStatus() == 200 ? new WhatIf(body, null) : new WhatIf(null, body);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            Map<String, Object> body = Events.read(e.getResponse().readEntity(String.class), Map.class);
            return new WhatIf(null, body);
        } catch (RuntimeException e) {
            return new WhatIf(null, Map.of("detail", "the decision service did not answer (" + e.getClass().getSimpleName() + ")"));
        }
    }
}
