package io.redisscale.collector.dashboard;

import io.redisscale.collector.ProblemException;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The dashboard's sessions: listed, and ended one by one (a lost laptop, a copied cookie). */
@Path("/api/v1/sessions")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    private final Sessions sessions;

    SessionResource(Sessions sessions) {
        this.sessions = sessions;
    }

    @GET
    public List<Sessions.Session> list() {
        return sessions.current();
    }

    @DELETE
    @Path("{id}")
    public Response end(@PathParam("id") String id) {
        if (!sessions.end(id)) {
            throw ProblemException.notFound("open session " + id);
        }
        return Response.noContent().build();
    }
}
