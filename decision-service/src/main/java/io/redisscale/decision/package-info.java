/**
 * The decision service's shell: the Kafka listeners ({@code Listeners}), which hand each poll of samples
 * to {@code DecisionEngine}; the engine stores decisions ({@code DecisionEntity}), states and commands in
 * one transaction with the outbox; its meters ({@code DecisionMeters}), settings ({@code DecisionConfig})
 * and the decisions API. The rooms: {@code policy} (the pure decision math), {@code state} (each
 * instance's window, loop state and measured latencies), {@code backtest} (replaying traces through the
 * same loop, and the what-if API).
 */
package io.redisscale.decision;
