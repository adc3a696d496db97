package io.redisscale.runtime;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.redisscale.runtime.topics.TopicBootstrap;
import io.redisscale.runtime.topics.TopicWait;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Heroku's release phase (Procfile {@code release}): with {@code AUTOSCALER_RELEASE_PHASE=true} a service
 * starts (its schema migrated by Flyway, the topics created or checked by {@link TopicBootstrap}) and
 * exits at once: 0 when the schema is migrated (topics that cannot be created here are named with the commands
 * that make them, and waited for by the services), non-zero otherwise, which stops the release.
 */
@ApplicationScoped
public class ReleasePhase {
    private static final Logger LOG = Logger.getLogger(ReleasePhase.class);

    private final boolean release;
    private final String service;
    private final TopicWait topics;

    public ReleasePhase(@ConfigProperty(name = "autoscaler.release-phase", defaultValue = "false") boolean release,
                        @ConfigProperty(name = "quarkus.application.name") String service,
                        @org.eclipse.microprofile.health.Readiness TopicWait topics) {
        this.release = release;
        this.service = service;
        this.topics = topics;
    }

    /**
     * After the topic check (priority 1): by now Flyway has migrated, and the topics are in place or missing ones
     * are named with their commands (the services wait for them: the release goes on).
     */
    void onStart(@Observes @Priority(2) StartupEvent event) {
        if (release) {
            LOG.infof("release phase: %s's schema is migrated and %s; exiting", service, topics.missing().isEmpty()
                    ? "the topics are in place" : "the services will wait for the topics named above: " + String.join(", ", topics.missing()));
            Quarkus.asyncExit(0);
        }
    }
}
