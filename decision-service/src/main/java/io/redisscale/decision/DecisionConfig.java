package io.redisscale.decision;

import io.redisscale.decision.policy.PolicySettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * The decision service's settings and their one set of defaults. Each is read from the environment as
 * {@code DECISION_<NAME>} (for example {@code DECISION_UP_WINDOW=2m}); the backtester reads this same
 * mapping through {@link #load}.
 */
@ConfigMapping(prefix = "decision")
public interface DecisionConfig {
    /** How long a breach must hold before scaling up (zero: the latest sample decides). */
    @WithDefault("60s")
    Duration upWindow();

    /** How long the load must fit a smaller plan before scaling down. */
    @WithDefault("20m")
    Duration downWindow();

    /** Percent points under the threshold the smaller plan must keep free, on a step that saves less than half the price. */
    @WithDefault("5")
    int downBufferPoints();

    /** Least time between a change and a scale-up. */
    @WithDefault("0s")
    Duration upCooldown();

    /** Least time since the last change before a scale-down. */
    @WithDefault("30m")
    Duration downWait();

    /** How long a plan change takes to take effect, until one has been measured. */
    @WithDefault("60s")
    Duration changeLatency();

    /** Budget of plan changes in any 24 hours. */
    @WithDefault("48")
    int maxChangesPerDay();

    /** A longer gap between samples counts as missing data. */
    @WithDefault("11m")
    Duration maxGap();

    /** An alert when no good sample came for this long. */
    @WithDefault("10m")
    Duration missingDataAlertAfter();

    /** How long a sent command blocks new decisions while its new plan is awaited. */
    @WithDefault("10m")
    Duration pendingTimeout();

    /** How long decisions are kept for the decisions API (DECISION_KEEP_DECISIONS_FOR). */
    @WithDefault("30d")
    Duration keepDecisionsFor();

    default PolicySettings policy() {
        return new PolicySettings(upWindow(), downWindow(), downBufferPoints(), upCooldown(), downWait(),
                changeLatency(), maxChangesPerDay(), maxGap(), pendingTimeout());
    }

    /**
     * The mapping outside the service, as the service would read it (environment, system properties,
     * the defaults above), with {@code overrides} ({@code decision.*} keys) on top.
     */
    static DecisionConfig load(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder()
                .addDefaultSources()
                .withConverter(Duration.class, 200, new DurationConverter()) // "60s", "30m": Quarkus's format
                .withSources(new PropertiesConfigSource(overrides, "overrides", 1000))
                .withMapping(DecisionConfig.class)
                .build()
                .getConfigMapping(DecisionConfig.class);
    }
}
