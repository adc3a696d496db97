package io.redisscale.decision;

import io.redisscale.events.MetricSample;
import java.time.Duration;
import java.time.Instant;

/**
 * The last day of an instance's load, as the peak of each 5-minute slot: what tomorrow's same hour
 * is likely to bring. Small (288 slots) so every instance can keep one. Not thread-safe.
 */
final class DailyProfile {
    static final long SLOT_S = 300;
    static final int SLOTS = (int) (86_400 / SLOT_S);

    private final long[] slotOf = new long[SLOTS];
    private final long[] memory = new long[SLOTS];
    private final int[] connections = new int[SLOTS];

    DailyProfile() {
        java.util.Arrays.fill(slotOf, Long.MIN_VALUE);
    }

    void record(MetricSample s) {
        if (!s.ok()) {
            return;
        }
        long slot = Math.floorDiv(s.at().getEpochSecond(), SLOT_S);
        int i = (int) Math.floorMod(slot, SLOTS);
        if (slotOf[i] != slot) {
            slotOf[i] = slot;
            memory[i] = 0;
            connections[i] = 0;
        }
        memory[i] = Math.max(memory[i], s.usedMemoryBytes());
        connections[i] = Math.max(connections[i], s.connectedClients());
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
}
