package io.redisscale.runtime;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Heroku's release phase (Procfile {@code release}): with {@code AUTOSCALER_RELEASE_PHASE=true} a service
 * starts (its schema migrated by Flyway, the topics created or checked by {@link TopicBootstrap}) and
 * exits at once: 0 when both are in place, non-zero otherwise, which stops the release.
 */
@ApplicationScoped
public class ReleasePhase {
    private static final Logger LOG = Logger.getLogger(ReleasePhase.class);

    private final boolean release;
    private final String service;

    public ReleasePhase(@ConfigProperty(name = "autoscaler.release-phase", defaultValue = "false") boolean release,
                        @ConfigProperty(name = "quarkus.application.name") String service) {
        this.release = release;
        this.service = service;
    }

    /** After the topic check (priority 1): by now Flyway has migrated and the topics are in place. */
    void onStart(@Observes @Priority(2) StartupEvent event) {
        if (release) {
            LOG.infof("release phase: %s's schema is migrated and the topics are in place; exiting", service);
            Quarkus.asyncExit(0);
        }
    }
}
