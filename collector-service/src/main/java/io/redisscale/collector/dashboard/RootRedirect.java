package io.redisscale.collector.dashboard;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /} leads to the dashboard: Heroku's "Open app" button and a browser pointed at the service open
 * the root, which has no page of its own.
 */
@ApplicationScoped
class RootRedirect {
    void route(@Observes Router router) {
        router.get("/").order(-100).handler(ctx -> {
            if (!"/".equals(ctx.normalizedPath())) {
                ctx.next();
                return;
            }
            ctx.response().setStatusCode(303).putHeader("Location", "/ui").end();
        });
    }
}
