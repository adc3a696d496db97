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
    private final List<byte[]> digests;
    private final List<String> sessionPaths;

    BearerAuth(@ConfigProperty(name = "autoscaler.api-tokens") Optional<List<String>> tokens,
               @ConfigProperty(name = "autoscaler.api.session-paths") Optional<List<String>> sessionPaths) {
        this.digests = tokens.orElse(List.of()).stream().map(String::trim).filter(t -> !t.isEmpty())
                .map(BearerAuth::digest).toList();
        this.sessionPaths = sessionPaths.orElse(List.of());
    }

    @ServerRequestFilter
    Optional<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (under(path, "/q") || sessionPaths.stream().anyMatch(p -> under(path, p))) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (allows(header)) {
            return Optional.empty();
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
            if (allows(header)) {
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

    private boolean allows(String header) {
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && accepts(header.substring(7).trim());
    }

    /** True when {@code token} is one of the configured API tokens (compared in constant time). */
    public boolean accepts(String token) {
        byte[] presented = digest(token);
        boolean ok = false;
        for (byte[] d : digests) {
            ok |= MessageDigest.isEqual(d, presented);
        }
        return ok;
    }

    /**
     * One digest of the whole configured token set: what a session issued for these tokens is signed
     * with, so changing the tokens ends every session.
     */
    public byte[] tokenSetDigest() {
        try {
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            digests.stream().map(java.util.HexFormat.of()::formatHex).sorted().forEach(h -> all.update(h.getBytes(StandardCharsets.UTF_8)));
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
