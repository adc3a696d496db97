package io.redisscale.decision.policy;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * An instance's plan schedule: time ranges in its time zone that set a minimum and/or maximum plan while they
 * hold (a batch at 02:00, office hours, a launch day), as HireFire's time ranges or KEDA's cron scaler do. A range
 * is weekly (days of the week and a time of day from..to; to before from runs past midnight), a one-off date
 * (from..to on that day), or a cron expression (five fields, as crontab) with a duration. Pure: the policy asks
 * {@link #bounds} what holds over the coming minutes; the ranges are validated when the schedule is made.
 */
public final class Schedule {
    /** One range and the bounds it sets ({@code null}: none of that kind). */
    public record Range(String name, Set<DayOfWeek> days, LocalDate date, LocalTime from, LocalTime to, String cron,
                        Duration duration, String minPlan, String maxPlan) {}

    /** What a schedule asks over a span: the lowest and highest plan allowed, and the ranges that ask it. */
    public record Bounds(String minPlan, String maxPlan, List<String> ranges) {
        static final Bounds NONE = new Bounds(null, null, List.of());
    }

    /** No range: nothing scheduled. */
    public static final Schedule NONE = new Schedule(ZoneId.of("UTC"), List.of());

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private final ZoneId zone;
    private final List<Range> ranges;
    private final List<ExecutionTime> crons;

    /** A schedule of {@code ranges} in {@code zone}; a range that cannot hold is refused with why. */
    public Schedule(ZoneId zone, List<Range> ranges) {
        this.zone = zone;
        this.ranges = List.copyOf(ranges);
        List<ExecutionTime> parsed = new ArrayList<>();
        for (Range r : ranges) {
            parsed.add(check(r));
        }
        this.crons = parsed;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<Range> ranges() {
        return ranges;
    }

    private static ExecutionTime check(Range r) {
        String name = r.name() == null ? "a range" : "range '" + r.name() + "'";
        if (r.minPlan() == null && r.maxPlan() == null) {
            throw new IllegalArgumentException(name + " sets neither a minimum nor a maximum plan");
        }
        boolean weekly = r.days() != null && !r.days().isEmpty();
        boolean once = r.date() != null;
        boolean cron = r.cron() != null;
        if ((weekly ? 1 : 0) + (once ? 1 : 0) + (cron ? 1 : 0) != 1) {
            throw new IllegalArgumentException(name + " needs exactly one of: days (with from and to), a date (with from and to),"
                    + " or a cron expression (with a duration)");
        }
        if (cron) {
            if (r.duration() == null || r.duration().isNegative() || r.duration().isZero() || r.duration().compareTo(Duration.ofDays(7)) > 0) {
                throw new IllegalArgumentException(name + ": a cron range needs a duration between a minute and 7 days");
            }
            try {
                return ExecutionTime.forCron(CRON.parse(r.cron()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": not a cron expression (five fields, as crontab): " + e.getMessage(), e);
            }
        }
        if (r.from() == null || r.to() == null || r.from().equals(r.to())) {
            throw new IllegalArgumentException(name + " needs from and to, different times of day");
        }
        return null;
    }

    /**
     * What holds at any time in {@code [now, now + lead]}: the highest minimum and the lowest maximum among the ranges
     * that hold then, so that a scheduled minimum is reached {@code lead} (the change latency) before it starts, and a
     * maximum before it starts too. Plans are compared by {@code rank} (memory: larger is higher).
     */
    public Bounds bounds(Instant now, Duration lead, java.util.function.ToLongFunction<String> rank) {
        String min = null;
        String max = null;
        List<String> asking = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            Range r = ranges.get(i);
            if (!holdsWithin(r, crons.get(i), now, lead)) {
                continue;
            }
            asking.add(r.name() == null ? "range " + (i + 1) : r.name());
            if (r.minPlan() != null && (min == null || rank.applyAsLong(r.minPlan()) > rank.applyAsLong(min))) {
                min = r.minPlan();
            }
            if (r.maxPlan() != null && (max == null || rank.applyAsLong(r.maxPlan()) < rank.applyAsLong(max))) {
                max = r.maxPlan();
            }
        }
        return asking.isEmpty() ? Bounds.NONE : new Bounds(min, max, List.copyOf(asking));
    }

    /** True when the range holds at some time in {@code [now, now + lead]}. */
    private boolean holdsWithin(Range r, ExecutionTime cron, Instant now, Duration lead) {
        ZonedDateTime at = now.atZone(zone);
        ZonedDateTime until = now.plus(lead).atZone(zone);
        if (cron != null) {
            // The last start at or before the span's end: it holds if it ends after the span begins.
            Optional<ZonedDateTime> last = cron.isMatch(until.withSecond(0).withNano(0)) ? Optional.of(until.withSecond(0).withNano(0))
                    : cron.lastExecution(until);
            return last.isPresent() && last.get().plus(r.duration()).isAfter(at);
        }
        // Day-based: check the span's days (and the day before, for a range past midnight).
        for (LocalDate day = at.toLocalDate().minusDays(1); !day.isAfter(until.toLocalDate()); day = day.plusDays(1)) {
            boolean onDay = r.date() != null ? r.date().equals(day) : r.days().contains(day.getDayOfWeek());
            if (!onDay) {
                continue;
            }
            ZonedDateTime start = day.atTime(r.from()).atZone(zone);
            ZonedDateTime end = (r.to().isAfter(r.from()) ? day : day.plusDays(1)).atTime(r.to()).atZone(zone);
            if (start.isBefore(until.plusNanos(1)) && end.isAfter(at)) {
                return true;
            }
        }
        return false;
    }
}
