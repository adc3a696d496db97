package io.redisscale.collector.registry;

import io.redisscale.collector.ProblemException;
import io.redisscale.runtime.api.Problem;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Parses the metrics API's {@code step}: seconds ({@code 300}), a short form ({@code 30s}, {@code 5m}, {@code 1h}) or ISO-8601 ({@code PT5M}). */
final class MetricsStep {
    static final Duration MIN = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofDays(1);

    static Duration parse(String step) {
        Duration d;
        try {
            String s = step.trim().toUpperCase(Locale.ROOT);
            if (s.matches("\\d{1,9}")) {
                d = Duration.ofSeconds(Long.parseLong(s));
            } else if (s.matches("\\d{1,9}[SMH]")) {
                d = Duration.parse("PT" + s);
            } else {
                d = Duration.parse(s);
            }
        } catch (DateTimeParseException e) {
            d = null;
        }
        if (d == null || d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0 || d.getNano() != 0) {
            throw new ProblemException(400, "Bad Request", "step '" + step + "' is not a duration from 1s to 1d",
                    List.of(new Problem.FieldError("step", "seconds (300), 30s, 5m, 1h or PT5M; from 1s to 1d")));
        }
        return d;
    }

    private MetricsStep() {}
}
