package io.redisscale.decision.backtest;

import java.util.List;

/**
 * Which overflows no policy could have seen coming, as ../shared/traces/README.md defines them: a sample over its
 * plan is unforeseeable in a metric when, within the {@link #WINDOW_S} before it, that metric rose in one sample by
 * more than ever before on the trace, to above the level before that rise divided by the threshold (the jump beat
 * both its history and the user's margin). Every other overflow is foreseeable, and a policy answers for it.
 */
final class Surprises {
    static final long WINDOW_S = 600;

    private final boolean[] memory;
    private final boolean[] connections;

    private Surprises(boolean[] memory, boolean[] connections) {
        this.memory = memory;
        this.connections = connections;
    }

    static Surprises of(Trace trace, double threshold) {
        List<Trace.Point> pts = trace.points();
        boolean[] mem = new boolean[pts.size()];
        boolean[] conn = new boolean[pts.size()];
        double[] best = {0, 0};
        long[] since = {Long.MIN_VALUE, Long.MIN_VALUE};
        double[] toBeat = {0, 0};
        for (int i = 0; i < pts.size(); i++) {
            Trace.Point p = pts.get(i);
            for (int k = 0; k < 2; k++) {
                double v = k == 0 ? p.memory() : p.connections();
                if (i > 0) {
                    Trace.Point prev = pts.get(i - 1);
                    double before = k == 0 ? prev.memory() : prev.connections();
                    if (v - before > best[k]) {
                        best[k] = v - before;
                        since[k] = p.at();
                        toBeat[k] = before / threshold;
                    }
                }
                boolean surprise = since[k] != Long.MIN_VALUE && p.at() - since[k] <= WINDOW_S && v > toBeat[k];
                (k == 0 ? mem : conn)[i] = surprise;
            }
        }
        return new Surprises(mem, conn);
    }

    /** Per sample: the previous sample's level plus the largest one-sample rise seen before it (memory, connections). */
    static long[][] riseRoom(Trace trace) {
        List<Trace.Point> pts = trace.points();
        long[][] room = new long[pts.size()][];
        room[0] = new long[] {pts.get(0).memory(), pts.get(0).connections()};
        long bestMemory = 0;
        long bestConnections = 0;
        for (int i = 1; i < pts.size(); i++) {
            Trace.Point p = pts.get(i);
            Trace.Point prev = pts.get(i - 1);
            room[i] = new long[] {prev.memory() + bestMemory, prev.connections() + bestConnections};
            bestMemory = Math.max(bestMemory, p.memory() - prev.memory());
            bestConnections = Math.max(bestConnections, p.connections() - prev.connections());
        }
        return room;
    }

    boolean memory(int i) {
        return memory[i];
    }

    boolean connections(int i) {
        return connections[i];
    }
}
