package io.redisscale.actuator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.random.RandomGenerator;

/** The retry policy with its settings; jitter from one seeded-by-the-JVM generator, made here, not in the logic. */
class CallPolicyProducer {
    @Produces
    @ApplicationScoped
    CallPolicy policy(ActuatorConfig config) {
        return new CallPolicy(config.firstBackoff(), config.longestBackoff(), RandomGenerator.getDefault());
    }
}
