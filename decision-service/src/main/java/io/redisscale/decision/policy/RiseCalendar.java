package io.redisscale.decision.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * When an instance's load jumps, and how far: for each hour of the day (UTC), the largest rise from one sample
 * to the next ever recorded (memory and connections), and the largest ratio of a sample to the one before it.
 * A rise can come in an hour where one came before that was large (a quarter of the largest of all) or that
 * outran the threshold's margin (a level more than the one before divided by the threshold); there, and in the
 * hour beside it, the plan holds at 100% the load plus the largest rise ever seen ({@link #room}). Elsewhere
 * the threshold's margin is enough. Until a day is seen, such a rise (and at least the margin) is assumed at
 * any hour. Learnt over the instance's whole history, not the last day: it is kept in {@code rise_calendar}
 * ({@link Snapshot}) and merged back when a window is rebuilt. Small (four arrays of 24). Not thread-safe.
 */
public final class RiseCalendar {
    static final int HOURS = 24;
    /** Hours either side of an hour with a rise where one may come again. */
    static final int WIDEN_H = 1;
    /** A rise this share of the largest ever marks its hour. */
    static final double SIGNIFICANT = 0.25;
    /** A rise that outran the margin marks its hour only if at least this share of the largest (not noise at a low level). */
    static final double FLOOR = 0.03;

    private final long[] memoryRise = new long[HOURS];
    private final int[] connectionRise = new int[HOURS];
    private final double[] memoryReach = new double[HOURS];
    private final double[] connectionReach = new double[HOURS];
    private boolean changed;

    /** What is kept of a calendar between starts: its four arrays, hour 0 (UTC) first. */
    public record Snapshot(long[] memoryRise, int[] connectionRise, double[] memoryReach, double[] connectionReach) {}

    /** A rise from {@code (fromMemory, fromConnections)} to {@code (memory, connections)} one sample later, at {@code at}. */
    void record(long at, long fromMemory, int fromConnections, long memory, int connections) {
        int h = (int) Math.floorMod(Math.floorDiv(at, 3600L), (long) HOURS);
        changed |= raise(memoryRise, h, memory - fromMemory) | raise(connectionRise, h, connections - fromConnections)
                | raise(memoryReach, h, memory / (double) Math.max(1, fromMemory))
                | raise(connectionReach, h, connections / (double) Math.max(1, fromConnections));
    }

    /**
     * The rise to hold room for at 100% of the plan over {@code [now, now + ahead]}: the largest ever seen where
     * the hours around have brought a large rise or one beyond the margin ({@code margin}: 100 / threshold); zero
     * elsewhere. Before a day is {@code learnt}: the largest seen so far, and at least the margin over the
     * latest level ({@code lastMemory}, {@code lastConnections}), at any hour.
     */
    ScalingPolicy.Load room(Instant now, Duration ahead, double memoryMargin, double connectionMargin, boolean learnt,
                            long lastMemory, int lastConnections) {
        long maxMemory = max(memoryRise);
        int maxConnections = max(connectionRise);
        if (!learnt) {
            return new ScalingPolicy.Load(Math.max(maxMemory, (long) (lastMemory * (memoryMargin - 1))),
                    Math.max(maxConnections, (int) Math.ceil(lastConnections * (connectionMargin - 1))));
        }
        boolean memory = false;
        boolean connections = false;
        long to = Math.floorDiv(now.plus(ahead).getEpochSecond(), 3600L) + WIDEN_H;
        for (long hour = Math.floorDiv(now.getEpochSecond(), 3600L) - WIDEN_H; hour <= to; hour++) {
            int h = (int) Math.floorMod(hour, (long) HOURS);
            memory |= marks(memoryRise[h], memoryReach[h], maxMemory, memoryMargin);
            connections |= marks(connectionRise[h], connectionReach[h], maxConnections, connectionMargin);
        }
        return new ScalingPolicy.Load(memory ? maxMemory : 0, connections ? maxConnections : 0);
    }

    private static boolean marks(double rise, double reach, double largest, double margin) {
        return rise > 0 && (rise >= SIGNIFICANT * largest || reach > margin && rise >= FLOOR * largest);
    }

    /** True once since the last {@link #taken} something was learnt. */
    public boolean changed() {
        return changed;
    }

    /** The calendar as kept, and from now on unchanged until something new is learnt. */
    public Snapshot taken() {
        changed = false;
        return new Snapshot(memoryRise.clone(), connectionRise.clone(), memoryReach.clone(), connectionReach.clone());
    }

    /** Takes in a kept calendar: each hour's largest of both (what was learnt before a restart, and since). */
    public void merge(Snapshot kept) {
        for (int h = 0; h < HOURS; h++) {
            raise(memoryRise, h, kept.memoryRise()[h]);
            raise(connectionRise, h, kept.connectionRise()[h]);
            raise(memoryReach, h, kept.memoryReach()[h]);
            raise(connectionReach, h, kept.connectionReach()[h]);
        }
    }

    private static boolean raise(long[] a, int h, long v) {
        if (v <= a[h]) {
            return false;
        }
        a[h] = v;
        return true;
    }

    private static boolean raise(int[] a, int h, int v) {
        if (v <= a[h]) {
            return false;
        }
        a[h] = v;
        return true;
    }

    private static boolean raise(double[] a, int h, double v) {
        if (v <= a[h]) {
            return false;
        }
        a[h] = v;
        return true;
    }

    private static long max(long[] a) {
        return Arrays.stream(a).max().orElse(0);
    }

    private static int max(int[] a) {
        return Arrays.stream(a).max().orElse(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RiseCalendar c && Arrays.equals(memoryRise, c.memoryRise) && Arrays.equals(connectionRise, c.connectionRise)
                && Arrays.equals(memoryReach, c.memoryReach) && Arrays.equals(connectionReach, c.connectionReach);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(memoryRise) * 31 + Arrays.hashCode(connectionRise);
    }
}
