package io.redisscale.decision.policy;

import io.redisscale.events.MetricSample;
import java.time.Duration;
import java.time.Instant;

/**
 * The last day of an instance's load, as the peak of each 5-minute slot: what tomorrow's same hour
 * is likely to bring; and the largest rise from one sample to the next in each slot: how much load
 * has come at once, before anything could react. 25 hours are kept, so that yesterday's load at this
 * very time is still there to compare with. Small (300 slots) so every instance can keep one.
 * Not thread-safe.
 */
public final class DailyProfile {
    static final long SLOT_S = 300;
    static final int SLOTS = (int) (90_000 / SLOT_S);
    /** Samples further apart than this do not make a step (data was missing between them). */
    static final long STEP_GAP_S = 300;

    private final long[] slotOf = new long[SLOTS];
    private final long[] memory = new long[SLOTS];
    private final int[] connections = new int[SLOTS];
    private final long[] memoryStep = new long[SLOTS];
    private final int[] connectionStep = new int[SLOTS];
    /** The latest sample recorded: a step is measured from it. */
    private long lastAt = Long.MIN_VALUE;
    /** The first sample recorded: until a day is seen, the largest step of a day is not known. */
    private long firstAt = Long.MIN_VALUE;
    private long lastMemory;
    private int lastConnections;
    /** When and how far the load has jumped, over the instance's whole history (not only this day). */
    private final RiseCalendar calendar = new RiseCalendar();

    /** What the profile takes of an answered poll. */
    public record Point(Instant at, long usedMemory, int connectedClients) {}

    public DailyProfile() {
        java.util.Arrays.fill(slotOf, Long.MIN_VALUE);
    }

    public void record(MetricSample s) {
        if (s.ok()) {
            record(new Point(s.at(), s.usedMemoryBytes(), s.connectedClients()));
        }
    }

    public void record(Point s) {
        long slot = Math.floorDiv(s.at().getEpochSecond(), SLOT_S);
        int i = (int) Math.floorMod(slot, SLOTS);
        if (slotOf[i] != slot) {
            slotOf[i] = slot;
            memory[i] = 0;
            connections[i] = 0;
            memoryStep[i] = 0;
            connectionStep[i] = 0;
        }
        memory[i] = Math.max(memory[i], s.usedMemory());
        connections[i] = Math.max(connections[i], s.connectedClients());
        long at = s.at().getEpochSecond();
        if (firstAt == Long.MIN_VALUE || at < firstAt) {
            firstAt = at;
        }
        if (at <= lastAt) {
            return;
        }
        // Over a longer gap a rise is not one step: nothing could have reacted to it anyway.
        if (lastAt != Long.MIN_VALUE && at - lastAt <= STEP_GAP_S) {
            memoryStep[i] = Math.max(memoryStep[i], s.usedMemory() - lastMemory);
            connectionStep[i] = Math.max(connectionStep[i], s.connectedClients() - lastConnections);
            calendar.record(at, lastMemory, lastConnections, s.usedMemory(), s.connectedClients());
        }
        lastAt = at;
        lastMemory = s.usedMemory();
        lastConnections = s.connectedClients();
    }

    /**
     * What the day before brought over {@code [now, now + ahead]} above its own level at {@code now} (the
     * peak of that slot): what the coming hours are likely to add to today's load. A load that was
     * high yesterday and stays high adds nothing; a one-off load flushed since then is not expected back.
     * Where nothing was seen at that time yesterday, the whole peak ahead.
     */
    ScalingPolicy.Load riseAhead(Instant now, Duration ahead) {
        ScalingPolicy.Load peak = peakAhead(now, ahead);
        long slot = Math.floorDiv(now.getEpochSecond() - 86_400, SLOT_S);
        int i = (int) Math.floorMod(slot, SLOTS);
        long levelMemory = slotOf[i] == slot ? memory[i] : 0;
        int levelConnections = slotOf[i] == slot ? connections[i] : 0;
        return new ScalingPolicy.Load(Math.max(0, peak.memory() - levelMemory), Math.max(0, peak.connections() - levelConnections));
    }

    /**
     * The rise to hold room for at 100% of the plan over {@code [now, now + ahead]}, from the rise calendar
     * ({@link RiseCalendar#room}); {@code margin}: 100 / the threshold, per metric.
     */
    ScalingPolicy.Load riseRoom(Instant now, Duration ahead, double memoryMargin, double connectionMargin) {
        return calendar.room(now, ahead, memoryMargin, connectionMargin, coversADay(now), lastMemory, lastConnections);
    }

    /** The rise calendar this profile feeds, to keep and to merge a kept one into. */
    public RiseCalendar calendar() {
        return calendar;
    }

    /** True once the samples recorded reach back a whole day before {@code now}. */
    boolean coversADay(Instant now) {
        return firstAt != Long.MIN_VALUE && firstAt <= now.getEpochSecond() - 86_400;
    }

    /** The largest rise of memory and of connections from one sample to the next over the last day up to {@code now}. */
    ScalingPolicy.Load largestStep(Instant now) {
        long mem = 0;
        int conns = 0;
        long from = Math.floorDiv(now.getEpochSecond() - 86_400, SLOT_S);
        for (int i = 0; i < SLOTS; i++) {
            if (slotOf[i] > from) {
                mem = Math.max(mem, memoryStep[i]);
                conns = Math.max(conns, connectionStep[i]);
            }
        }
        return new ScalingPolicy.Load(mem, conns);
    }

    /** The peak seen one day before {@code [now, now + ahead]}; zero where nothing was seen. */
    ScalingPolicy.Load peakAhead(Instant now, Duration ahead) {
        long mem = 0;
        int conns = 0;
        long from = Math.floorDiv(now.getEpochSecond() - 86_400, SLOT_S);
        long to = Math.floorDiv(now.plus(ahead).getEpochSecond() - 86_400, SLOT_S);
        for (long slot = from; slot <= to; slot++) {
            int i = (int) Math.floorMod(slot, SLOTS);
            if (slotOf[i] == slot) {
                mem = Math.max(mem, memory[i]);
                conns = Math.max(conns, connections[i]);
            }
        }
        return new ScalingPolicy.Load(mem, conns);
    }

    /** Two profiles are equal when they hold the same slots and the same latest sample: they answer alike. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DailyProfile p && lastAt == p.lastAt && firstAt == p.firstAt && lastMemory == p.lastMemory
                && lastConnections == p.lastConnections && java.util.Arrays.equals(slotOf, p.slotOf)
                && java.util.Arrays.equals(memory, p.memory) && java.util.Arrays.equals(connections, p.connections)
                && java.util.Arrays.equals(memoryStep, p.memoryStep) && java.util.Arrays.equals(connectionStep, p.connectionStep)
                && calendar.equals(p.calendar);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(lastAt, firstAt, java.util.Arrays.hashCode(memory));
    }
}
