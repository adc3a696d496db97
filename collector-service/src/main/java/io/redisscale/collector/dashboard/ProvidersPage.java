package io.redisscale.collector.dashboard;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** What plan changes cost by provider and plan step (the actuator's {@code /api/v1/providers/stats}). */
@Path("/ui/providers")
@Produces(MediaType.TEXT_HTML)
public class ProvidersPage {
    private final ServiceClients peers;

    @Location("dashboard/providers.html")
    Template providers;

    ProvidersPage(ServiceClients peers) {
        this.peers = peers;
    }

    @GET
    public TemplateInstance page() {
        return providers.data("stats", peers.providerStats());
    }
}
