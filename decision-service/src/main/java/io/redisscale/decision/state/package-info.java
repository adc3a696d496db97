/**
 * What the decision service remembers of each instance: its recent samples ({@code SampleStore}) and the
 * in-memory windows and daily profiles built from them ({@code Windows}), its loop state
 * ({@code InstanceState}, read and written on its version by {@code InstanceStates}), and the plan
 * changes' measured latencies ({@code ChangeLatency}, {@code Latencies}).
 *
 * <p>May use: {@code policy} and the service's settings.
 */
package io.redisscale.decision.state;
