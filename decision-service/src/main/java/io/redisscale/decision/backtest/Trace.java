package io.redisscale.decision.backtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A metric trace: {@code timestamp,used_memory,connected_clients}, one row a sample, time increasing. */
public record Trace(String name, List<Point> points) {

    /** One sample: epoch seconds, bytes, clients. */
    public record Point(long at, long memory, int connections) {}

    /** A trace that cannot be read; the message names the line. */
    static final class TraceError extends RuntimeException {
        TraceError(String message) {
            super(message);
        }
    }

    public static Trace read(Path file) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            // Errors name the whole path; the trace is named by its file.
            return new Trace(file.getFileName().toString(), read(file.toString(), in).points());
        }
    }

    /** Reads a trace from {@code in}; {@code name} names it in the result and in every error. */
    static Trace read(String file, BufferedReader in) throws IOException {
        List<Point> points = new ArrayList<>();
        {
            String header = in.readLine();
            if (header == null) {
                throw new TraceError(file + ": empty file, expected the header timestamp,used_memory,connected_clients");
            }
            if (!header.trim().replace("\uFEFF", "").equals("timestamp,used_memory,connected_clients")) {
                throw new TraceError(file + ":1: bad header '" + header + "', expected timestamp,used_memory,connected_clients");
            }
            String line;
            int n = 1;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 3) {
                    throw new TraceError(file + ":" + n + ": expected 3 fields, found " + f.length);
                }
                Point p;
                try {
                    p = new Point((long) Double.parseDouble(f[0].trim()), (long) Double.parseDouble(f[1].trim()),
                            (int) Double.parseDouble(f[2].trim()));
                } catch (NumberFormatException e) {
                    throw new TraceError(file + ":" + n + ": not a number in '" + line + "'");
                }
                if (p.memory() < 0 || p.connections() < 0) {
                    throw new TraceError(file + ":" + n + ": negative value in '" + line + "'");
                }
                if (!points.isEmpty() && p.at() <= points.get(points.size() - 1).at()) {
                    throw new TraceError(file + ":" + n + ": time goes backwards or repeats (" + p.at() + " after "
                            + points.get(points.size() - 1).at() + ")");
                }
                points.add(p);
            }
        }
        if (points.isEmpty()) {
            throw new TraceError(file + ": no samples after the header");
        }
        return new Trace(file, List.copyOf(points));
    }
}
