package io.redisscale.collector.dashboard;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * What the browser may do with a dashboard page: scripts and everything else only from the collector
 * itself (no inline script runs, so injected markup cannot run any), no page may frame it (clickjacking),
 * no content sniffing, no referrer to other sites, no copy in the browser's cache. Inline styles stay allowed: the chart library writes
 * its tooltips with them.
 */
class SecurityHeaders {
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    @ServerResponseFilter
    public void headers(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (path.equals("/ui") || path.startsWith("/ui/")) {
            response.getHeaders().putSingle("Content-Security-Policy", POLICY);
            response.getHeaders().putSingle("X-Frame-Options", "DENY");
            response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
            response.getHeaders().putSingle("Referrer-Policy", "same-origin");
            // A signed-in page holds the fleet's data: never kept by the browser, so Back after signing out shows nothing.
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
