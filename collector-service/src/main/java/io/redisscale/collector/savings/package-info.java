/**
 * What the autoscaler saves: the ledger of plan history and daily peaks ({@code Ledger}), the sums per
 * period against the registered and the right-sized plan ({@code Savings}, pure), the
 * {@code /api/v1/savings} API and the monthly report published on {@code autoscaler.reports}.
 *
 * <p>May use: {@code registry} and {@code plans}.
 */
package io.redisscale.collector.savings;
