package io.redisscale.decision;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

@ConfigMapping(prefix = "decision")
public interface DecisionConfig {
    Duration upWindow();

    Duration downWindow();

    int downBufferPoints();

    Duration upCooldown();

    Duration downWait();

    Duration changeLatency();

    int maxChangesPerDay();

    /** A longer gap between samples counts as missing data. */
    Duration maxGap();

    /** An alert when no good sample came for this long. */
    Duration missingDataAlertAfter();

    /** How long a sent command blocks new decisions while its outcome is awaited. */
    Duration pendingTimeout();

    default PolicySettings policy() {
        return new PolicySettings(upWindow(), downWindow(), downBufferPoints(), upCooldown(), downWait(),
                changeLatency(), maxChangesPerDay(), maxGap());
    }
}
