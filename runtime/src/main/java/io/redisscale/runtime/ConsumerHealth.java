package io.redisscale.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN while a consumer waits for a dependency (a transient failure being retried). */
@Readiness
@ApplicationScoped
public class ConsumerHealth implements HealthCheck {
    private final ConsumerGuard consume;

    public ConsumerHealth(ConsumerGuard consume) {
        this.consume = consume;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("consumers");
        var stalled = consume.stalled();
        stalled.forEach((channel, s) -> r.withData(channel, "waiting since " + s.since() + " (" + s.attempts()
                + " attempts): " + s.cause()));
        consume.deadLettered().forEach((channel, n) -> r.withData(channel + ".dead_lettered", n));
        return stalled.isEmpty() ? r.up().build() : r.down().build();
    }
}
