package io.redisscale.runtime.topics;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Topics a service waits for, in readiness: where the services may not create topics (Kafka basic-0 on Heroku takes
 * them from the Heroku CLI only), a service that finds some missing starts anyway, idle, and says which in its log
 * and here (DOWN, with the topics), until {@link TopicBootstrap} sees them. Alive all the while: nothing restarts it.
 */
@Readiness
@ApplicationScoped
public class TopicWait implements HealthCheck {
    private volatile List<String> missing = List.of();

    void waitFor(List<String> topics) {
        missing = List.copyOf(topics);
    }

    /** The topics waited for (system names); empty when none is. */
    public List<String> missing() {
        return missing;
    }

    @Override
    public HealthCheckResponse call() {
        var r = HealthCheckResponse.named("kafka-topics");
        return missing.isEmpty() ? r.up().build()
                : r.down().withData("waiting_for", String.join(", ", missing))
                        .withData("fix", "create them (docs/heroku.md: heroku kafka:topics:create ...); the service restarts once they are there")
                        .build();
    }
}
