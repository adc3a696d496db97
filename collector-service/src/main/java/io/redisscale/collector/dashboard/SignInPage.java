package io.redisscale.collector.dashboard;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.redisscale.runtime.api.BearerAuth;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Signing in to the dashboard with an API token, and out: an HttpOnly, SameSite=Strict session cookie
 * ({@link SessionCookie}, checked by {@link DashboardAuth}); no token ever travels in a URL.
 */
@Path("/ui")
@Produces(MediaType.TEXT_HTML)
public class SignInPage {
    private static final SecureRandom NONCES = new SecureRandom();

    private final SessionCookie session;
    private final BearerAuth tokens;

    @Location("dashboard/sign-in.html")
    Template signIn;

    private final Sessions sessions;
    private final java.time.Clock clock;

    SignInPage(SessionCookie session, BearerAuth tokens, Sessions sessions, java.time.Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
        this.session = session;
        this.tokens = tokens;
    }

    @GET
    @Path("sign-in")
    public TemplateInstance signInPage(@QueryParam("next") String next) {
        return signIn.data("next", safeNext(next)).data("error", null);
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@RestForm String token, @RestForm String next, @Context HttpHeaders headers) {
        Optional<BearerAuth.Role> role = token == null || token.isBlank() ? Optional.empty() : tokens.role(token.trim());
        if (role.isEmpty()) {
            return Response.status(401).entity(signIn.data("next", safeNext(next)).data("error", "That token is not one of the API tokens.")).build();
        }
        byte[] nonce = new byte[16];
        NONCES.nextBytes(nonce);
        String value = session.issue(nonce, role.get());
        sessions.started(SessionCookie.id(value), role.get(), clock.instant().plus(session.lifetime()));
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookie(value, (int) session.lifetime().toSeconds(), headers)).build();
    }

    @POST
    @Path("sign-out")
    public Response signOut(@Context HttpHeaders headers) {
        // Ended on the server too: the cookie, copied anywhere, no longer opens a page.
        jakarta.ws.rs.core.Cookie current = headers.getCookies().get(SessionCookie.NAME);
        if (current != null && session.valid(current.getValue())) {
            sessions.end(SessionCookie.id(current.getValue()));
        }
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
}
