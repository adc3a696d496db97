package io.redisscale.collector.dashboard;

import io.redisscale.collector.CollectorConfig;
import io.redisscale.runtime.api.BearerAuth;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Guards the dashboard: every page under {@code /ui} but the sign-in needs a valid session cookie
 * (else a redirect to the sign-in page), and a form post from another origin is refused; the cookie is
 * SameSite=Strict as well.
 */
@Singleton
public class DashboardAuth {
    private final SessionCookie session;
    private final Sessions sessions;
    private final BearerAuth tokens;

    DashboardAuth(SessionCookie session, Sessions sessions, BearerAuth tokens) {
        this.session = session;
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @ServerRequestFilter
    Optional<Response> guard(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.equals("/ui") || path.startsWith("/ui/")) || path.equals("/ui/sign-in")) {
            return Optional.empty();
        }
        if (!request.getMethod().equals("GET") && crossOrigin(request)) {
            return Optional.of(Response.status(403).entity("form posted from another origin").build());
        }
        Cookie c = request.getCookies().get(SessionCookie.NAME);
        Optional<BearerAuth.Role> role = c == null ? Optional.empty() : session.role(c.getValue())
                .filter(r -> sessions.open(SessionCookie.id(c.getValue()))); // ended on the server: a copied cookie too
        if (role.isPresent() && tokens.permits(role.get(), request.getMethod(), path)) {
            return Optional.empty();
        }
        if (role.isPresent()) {
            return Optional.of(Response.status(403).type("text/plain").entity("a viewer's session may only read").build());
        }
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        String next = path + (query == null ? "" : "?" + query);
        return Optional.of(Response.seeOther(URI.create("/ui/sign-in?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8))).build());
    }

    private static boolean crossOrigin(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (origin == null) {
            return false; // not sent by a browser form, or an old browser: the SameSite cookie still holds
        }
        if (origin.equals("null")) {
            return true; // a sandboxed or file page
        }
        String host = request.getHeaderString("X-Forwarded-Host");
        host = host != null ? host : request.getHeaderString("Host");
        return host == null || !URI.create(origin).getAuthority().equalsIgnoreCase(host);
    }

    /** The session signer: this deployment's current secret key and API tokens, the configured lifetime. */
    @Singleton
    static final class Producer {
        // Application-scoped (a lazy proxy): the filter is built before the runtime configuration is read.
        @Produces
        @jakarta.enterprise.context.ApplicationScoped
        SessionCookie session(CollectorConfig config, io.redisscale.runtime.Keyring keys, BearerAuth tokens, Clock clock) {
            return new SessionCookie(keys.current().derive(io.redisscale.runtime.Keyring.Purpose.DASHBOARD_SESSION),
                    tokens.tokenSetDigest(), clock, config.dashboardSession());
        }
    }
}
