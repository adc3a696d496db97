package io.redisscale.runtime.api;

import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API call of every service needs {@code Authorization: Bearer <token>} with a token from
 * {@code AUTOSCALER_API_TOKENS} (comma-separated), and so do the Prometheus metrics; health and the
 * OpenAPI document under {@code /q/} stay open. Tokens are compared by their SHA-256 digests with {@link MessageDigest#isEqual},
 * so the time taken tells nothing about them. No token configured: no call is let in. A service may hand
 * paths to a guard of its own ({@code autoscaler.api.session-paths}): the collector's dashboard under
 * {@code /ui} checks a session cookie instead, issued only for one of these tokens ({@link #accepts}).
 */
@Singleton
public class BearerAuth {
    /** What a token may do: an {@code admin} token everything, a {@code viewer} token (AUTOSCALER_VIEWER_TOKENS) only read. */
    public enum Role { admin, viewer }

    private final List<byte[]> digests;
    private final List<byte[]> viewerDigests;
    private final List<String> sessionPaths;
    private final List<String> readOnlyPosts;

    /**
     * {@code serviceToken} (AUTOSCALER_SERVICE_TOKEN) is what the services call each other with: a viewer's
     * rights, never a user's token. {@code readOnlyPosts} are POSTs that change nothing (the what-if), which
     * a viewer may call.
     */
    BearerAuth(@ConfigProperty(name = "autoscaler.api-tokens") Optional<List<String>> tokens,
               @ConfigProperty(name = "autoscaler.viewer-tokens") Optional<List<String>> viewerTokens,
               @ConfigProperty(name = "autoscaler.service-token") Optional<String> serviceToken,
               @ConfigProperty(name = "autoscaler.api.session-paths") Optional<List<String>> sessionPaths,
               @ConfigProperty(name = "autoscaler.api.read-only-posts") Optional<List<String>> readOnlyPosts) {
        this.digests = digests(tokens);
        List<String> viewers = new java.util.ArrayList<>(viewerTokens.orElse(List.of()));
        serviceToken.ifPresent(viewers::add);
        this.viewerDigests = digests(Optional.of(viewers));
        this.sessionPaths = sessionPaths.orElse(List.of());
        this.readOnlyPosts = readOnlyPosts.orElse(List.of());
    }

    private static List<byte[]> digests(Optional<List<String>> tokens) {
        return tokens.orElse(List.of()).stream().map(String::trim).filter(t -> !t.isEmpty()).map(BearerAuth::digest).toList();
    }

    /**
     * Whether {@code role} may make this call: an admin anything, a viewer what changes nothing (reads, and
     * the POSTs of {@code autoscaler.api.read-only-posts}). The API and the dashboard's sessions both ask here.
     */
    public boolean permits(Role role, String method, String path) {
        return role == Role.admin || method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || method.equals("POST") && readOnlyPosts.contains(path);
    }

    @ServerRequestFilter
    Optional<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (under(path, "/q") || sessionPaths.stream().anyMatch(p -> under(path, p))) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Role> role = roleOf(header);
        if (role.isPresent() && permits(role.get(), request.getMethod(), path)) {
            return Optional.empty();
        }
        if (role.isPresent()) {
            return Optional.of(Response.status(403).type(Problem.MEDIA_TYPE).entity(new Problem("about:blank", "Forbidden", 403,
                    "a viewer token may only read (GET); changes need a token of AUTOSCALER_API_TOKENS", path, List.of())).build());
        }
        return Optional.of(Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(new Problem("about:blank", "Unauthorized", 401, refusal(header), path, List.of())).build());
    }

    /**
     * Prometheus metrics name every instance: {@code /q/metrics} (a Vert.x route, not an API resource)
     * takes the same tokens; a scraper sends one ({@code authorization: credentials:} in its config).
     */
    void guardMetrics(@jakarta.enterprise.event.Observes io.vertx.ext.web.Router router) {
        router.route("/q/metrics*").order(-1000).handler(ctx -> {
            String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
            if (roleOf(header).isPresent()) { // a viewer too: reading the metrics changes nothing
                ctx.next();
                return;
            }
            ctx.response().setStatusCode(401).putHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(io.redisscale.events.Events.write(new Problem("about:blank", "Unauthorized", 401, refusal(header),
                            ctx.request().path(), List.of())));
        });
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private Optional<Role> roleOf(String header) {
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? role(header.substring(7).trim()) : Optional.empty();
    }

    /** True when {@code token} is one of the configured API (admin) tokens (compared in constant time). */
    public boolean accepts(String token) {
        return role(token).filter(r -> r == Role.admin).isPresent();
    }

    /** What {@code token} may do, if it is one of the configured tokens (compared in constant time). */
    public Optional<Role> role(String token) {
        byte[] presented = digest(token);
        boolean admin = false;
        boolean viewer = false;
        for (byte[] d : digests) {
            admin |= MessageDigest.isEqual(d, presented);
        }
        for (byte[] d : viewerDigests) {
            viewer |= MessageDigest.isEqual(d, presented);
        }
        return admin ? Optional.of(Role.admin) : viewer ? Optional.of(Role.viewer) : Optional.empty();
    }

    /**
     * One digest of the whole configured token set: what a session issued for these tokens is signed
     * with, so changing the tokens ends every session.
     */
    public byte[] tokenSetDigest() {
        try {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            digests.stream().map(java.util.HexFormat.of()::formatHex).sorted().forEach(h -> all.update(h.getBytes(StandardCharsets.UTF_8)));
            all.update((byte) '|'); // a token moved between the sets changes the digest too
            viewerDigests.stream().map(java.util.HexFormat.of()::formatHex).sorted().forEach(h -> all.update(h.getBytes(StandardCharsets.UTF_8)));
            return all.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String refusal(String header) {
        return digests.isEmpty() ? "no API tokens are configured (AUTOSCALER_API_TOKENS)"
                : header == null ? "an Authorization: Bearer <token> header is required" : "the token is not valid";
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
