package io.redisscale.collector.heroku;

import io.redisscale.collector.CollectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Duration;

/** One budget for every Heroku call this collector makes. */
class HerokuBudgetProducer {
    @Produces
    @ApplicationScoped
    HerokuBudget budget(Clock clock, CollectorConfig config) {
        return new HerokuBudget(clock, config.herokuBackgroundFloor(), config.herokuRateLimitPause(), Duration.ofMinutes(10));
    }
}
