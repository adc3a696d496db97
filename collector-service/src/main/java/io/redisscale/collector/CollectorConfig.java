package io.redisscale.collector;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "collector")
public interface CollectorConfig {
    /** Key that seals Redis URLs at rest and on the instances topic (AUTOSCALER_SECRET_KEY). */
    String secretKey();

    /** Recipients for instances that name none (RECIPIENTS), comma-separated. */
    Optional<String> defaultRecipients();

    /** AUTOSCALER_API_TOKENS: the bearer tokens the API accepts; none configured means no call is let in. */
    Optional<java.util.List<String>> apiTokens();

    /** HEROKU_API_KEY, to resolve Heroku add-ons; never logged. */
    Optional<String> herokuApiKey();

    /** Consecutive failed polls before an unreachable alert. */
    @WithDefault("3")
    int unreachableAfter();

    /** Days of samples kept (N_RETENTION_DAYS); older ones are purged by a scheduled job. */
    @WithDefault("5")
    int retentionDays();

    /** Longest a single INFO poll may take. */
    @WithDefault("5s")
    Duration pollTimeout();
}
