/**
 * The decision math, framework-free: {@code InstanceLoop} (one instance's loop: the command under way,
 * the last change, alert episodes) asks {@code ScalingPolicy} (the stages: recommend, stabilise, limit,
 * clamp) for a {@code Decision} with a reason code and a sentence, from a {@code PolicyInput} and
 * {@code PolicySettings}. Pure: inputs and a {@code Clock} in, a record out; the service and the
 * backtester run the very same classes.
 *
 * <p>May use: {@code common}'s events only.
 */
package io.redisscale.decision.policy;
