package io.redisscale.decision.policy;

import java.time.Duration;

/**
 * The policy's knobs, the same for the service and the backtester.
 *
 * @param upWindow        how long a breach must hold before scaling up (zero: the latest sample decides)
 * @param downWindow      how long the load must fit a smaller plan before scaling down
 * @param downBufferPoints percent points under the threshold the smaller plan must keep free
 * @param upCooldown      least time between a change and a scale-up
 * @param downWait        least time since the last change before a scale-down (the down cooldown)
 * @param changeLatency   how long a plan change takes to take effect, for the trend rule
 * @param maxChangesPerDay budget of plan changes in any 24 hours
 * @param maxGap          a longer gap between samples means data is missing: no scale-down over it
 * @param pendingTimeout  how long a sent command holds decisions back while its new plan is awaited
 */
public record PolicySettings(Duration upWindow, Duration downWindow, int downBufferPoints, Duration upCooldown,
                      Duration downWait,
                      Duration changeLatency, int maxChangesPerDay, Duration maxGap, Duration pendingTimeout) {

    public PolicySettings withChangeLatency(Duration latency) {
        return new PolicySettings(upWindow, downWindow, downBufferPoints, upCooldown, downWait, latency,
                maxChangesPerDay, maxGap, pendingTimeout);
    }
}
