package io.redisscale.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisscale.events.PlanSchedule;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;

/**
 * An instance's plan schedule read and checked: time ranges in its time zone that set a minimum and/or maximum plan
 * while they hold (a batch at 02:00, office hours, a launch day), as HireFire's time ranges or KEDA's cron scaler do.
 * A range is weekly (days of the week and a time of day from..to; to before from runs past midnight), a one-off date
 * (from..to on that day), or a cron expression (five fields, as crontab) with a duration. The one reader of a
 * {@link PlanSchedule}: the collector checks a registration's with {@link #of}, the policy asks {@link #bounds} what
 * holds over the coming minutes, the backtester and the what-if read one from JSON ({@link #fromJson}).
 */
public final class Schedule {
    /** Bounds on hostile input: no schedule a user needs is larger. */
    public static final int MAX_RANGES = 50;
    public static final int MAX_NAME = 63;
    public static final int MAX_CRON = 100;
    public static final int MAX_DURATION_MINUTES = 7 * 24 * 60;

    /** What a schedule asks over a span: the lowest and highest plan allowed, and the ranges that ask it. */
    public record Bounds(String minPlan, String maxPlan, List<String> ranges) {
        static final Bounds NONE = new Bounds(null, null, List.of());
    }

    /** One thing wrong with a schedule: its field ({@code ranges[1].cron}) and why. */
    public record Refusal(String field, String message) {}

    /** A schedule that cannot hold, with every reason. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient List<Refusal> refusals;

        Invalid(List<Refusal> refusals) {
            super(String.join("; ", refusals.stream().map(r -> r.field() + ": " + r.message()).toList()));
            this.refusals = List.copyOf(refusals);
        }

        public List<Refusal> refusals() {
            return refusals;
        }
    }

    /** No range: nothing scheduled. */
    public static final Schedule NONE = new Schedule(PlanSchedule.NONE, ZoneId.of("UTC"), List.of());

    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final Pattern TIME = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Map<String, DayOfWeek> DAYS = Map.of("MON", DayOfWeek.MONDAY, "TUE", DayOfWeek.TUESDAY,
            "WED", DayOfWeek.WEDNESDAY, "THU", DayOfWeek.THURSDAY, "FRI", DayOfWeek.FRIDAY, "SAT", DayOfWeek.SATURDAY,
            "SUN", DayOfWeek.SUNDAY);
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One range read: when it holds and what it sets. */
    private record Window(String name, Set<DayOfWeek> days, LocalDate date, LocalTime from, LocalTime to,
                          ExecutionTime cron, Duration duration, String minPlan, String maxPlan) {}

    private final PlanSchedule source;
    private final ZoneId zone;
    private final List<Window> windows;
    /**
     * Per cron range, the last start found and the start after it: every time between them has that last start, so
     * a span moving forward (the policy, a replay of history) asks cron-utils again only when it passes a start.
     */
    private final java.util.concurrent.atomic.AtomicReferenceArray<ZonedDateTime[]> cronSpans;

    private Schedule(PlanSchedule source, ZoneId zone, List<Window> windows) {
        this.source = source;
        this.zone = zone;
        this.windows = windows;
        this.cronSpans = new java.util.concurrent.atomic.AtomicReferenceArray<>(windows.size());
    }

    /**
     * Reads and checks {@code schedule} against the plans of the instance's service ({@code plans}: name to memory,
     * the order plans are compared in); everything wrong is refused at once, each with its field.
     */
    public static Schedule of(PlanSchedule schedule, Map<String, Long> plans) {
        if (schedule == null || schedule.ranges().isEmpty() && schedule.timeZone() == null) {
            return NONE;
        }
        List<Refusal> refusals = new ArrayList<>();
        ZoneId zone = ZoneId.of("UTC");
        if (schedule.timeZone() != null) {
            try {
                zone = ZoneId.of(schedule.timeZone());
            } catch (DateTimeException e) {
                refusals.add(new Refusal("timeZone", "not a time zone (an IANA name such as Europe/Berlin)"));
            }
        }
        if (schedule.ranges().size() > MAX_RANGES) {
            throw new Invalid(List.of(new Refusal("ranges", "at most " + MAX_RANGES + " ranges")));
        }
        List<Window> windows = new ArrayList<>();
        for (int i = 0; i < schedule.ranges().size(); i++) {
            PlanSchedule.Range r = schedule.ranges().get(i);
            String at = "ranges[" + i + "]";
            if (r == null) {
                refusals.add(new Refusal(at, "is empty"));
                continue;
            }
            int before = refusals.size();
            Window w = read(r, at, plans, refusals);
            if (refusals.size() == before) {
                windows.add(w);
            }
        }
        if (!refusals.isEmpty()) {
            throw new Invalid(refusals);
        }
        return new Schedule(schedule, zone, List.copyOf(windows));
    }

    /**
     * A schedule from its JSON ({@code {"timeZone": "Europe/Berlin", "ranges": [{"name": "office", "days": ["MON"],
     * "from": "08:00", "to": "18:00", "minPlan": "..."}]}}); one that is not such JSON or cannot hold is refused.
     */
    public static Schedule fromJson(String json, Map<String, Long> plans) {
        PlanSchedule read;
        try {
            read = STRICT.readValue(json, PlanSchedule.class);
        } catch (JsonProcessingException e) {
            throw new Invalid(List.of(new Refusal("schedule", "not a schedule (JSON with timeZone and ranges): " + e.getOriginalMessage())));
        }
        if (read == null) {
            throw new Invalid(List.of(new Refusal("schedule", "not a schedule: an object with a \"ranges\" array is expected")));
        }
        return of(read, plans);
    }

    private static Window read(PlanSchedule.Range r, String at, Map<String, Long> plans, List<Refusal> refusals) {
        if (r.name() != null && (r.name().isBlank() || r.name().length() > MAX_NAME)) {
            refusals.add(new Refusal(at + ".name", "1 to " + MAX_NAME + " characters"));
        }
        if (r.minPlan() == null && r.maxPlan() == null) {
            refusals.add(new Refusal(at, "sets neither a minimum nor a maximum plan (minPlan, maxPlan)"));
        }
        boolean minKnown = known(r.minPlan(), at + ".minPlan", plans, refusals);
        boolean maxKnown = known(r.maxPlan(), at + ".maxPlan", plans, refusals);
        if (minKnown && maxKnown && r.minPlan() != null && r.maxPlan() != null && plans.get(r.minPlan()) > plans.get(r.maxPlan())) {
            refusals.add(new Refusal(at + ".minPlan", "is above its maxPlan (" + r.minPlan() + " > " + r.maxPlan() + ")"));
        }
        boolean weekly = r.days() != null && !r.days().isEmpty();
        boolean once = r.date() != null;
        boolean cron = r.cron() != null;
        if ((weekly ? 1 : 0) + (once ? 1 : 0) + (cron ? 1 : 0) != 1) {
            refusals.add(new Refusal(at, "needs exactly one of: days (with from and to), a date (with from and to),"
                    + " or a cron expression (with durationMinutes)"));
            return null;
        }
        if (cron) {
            return readCron(r, at, refusals);
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (weekly) {
            if (r.days().size() > 7) {
                refusals.add(new Refusal(at + ".days", "at most the 7 days of the week"));
            } else {
                for (String d : r.days()) {
                    DayOfWeek day = d == null ? null : DAYS.get(d);
                    if (day == null) {
                        refusals.add(new Refusal(at + ".days", "days are MON, TUE, WED, THU, FRI, SAT, SUN"));
                        break;
                    }
                    days.add(day);
                }
            }
        }
        LocalDate date = null;
        if (once) {
            try {
                date = DATE.matcher(r.date()).matches() ? LocalDate.parse(r.date()) : null;
            } catch (DateTimeException e) {
                date = null;
            }
            if (date == null) {
                refusals.add(new Refusal(at + ".date", "a date as YYYY-MM-DD"));
            }
        }
        if (r.durationMinutes() != null) {
            refusals.add(new Refusal(at + ".durationMinutes", "goes with cron; days and dates hold from..to"));
        }
        LocalTime from = time(r.from(), at + ".from", refusals);
        LocalTime to = time(r.to(), at + ".to", refusals);
        if (from != null && from.equals(to)) {
            refusals.add(new Refusal(at + ".to", "must differ from from"));
        }
        return new Window(r.name(), days, date, from, to, null, null, r.minPlan(), r.maxPlan());
    }

    private static Window readCron(PlanSchedule.Range r, String at, List<Refusal> refusals) {
        if (r.from() != null || r.to() != null) {
            refusals.add(new Refusal(at + (r.from() != null ? ".from" : ".to"), "goes with days or a date; a cron range holds durationMinutes"));
        }
        Integer minutes = r.durationMinutes();
        if (minutes == null || minutes < 1 || minutes > MAX_DURATION_MINUTES) {
            refusals.add(new Refusal(at + ".durationMinutes", "a cron range needs durationMinutes, 1 to " + MAX_DURATION_MINUTES + " (7 days)"));
        }
        ExecutionTime cron = null;
        if (r.cron().length() > MAX_CRON) {
            refusals.add(new Refusal(at + ".cron", "at most " + MAX_CRON + " characters"));
        } else {
            try {
                cron = ExecutionTime.forCron(CRON.parse(r.cron()));
            } catch (IllegalArgumentException e) {
                refusals.add(new Refusal(at + ".cron", "not a cron expression (five fields: minute hour day-of-month month day-of-week)"));
            }
        }
        return new Window(r.name(), null, null, null, null, cron, minutes == null ? null : Duration.ofMinutes(minutes),
                r.minPlan(), r.maxPlan());
    }

    private static LocalTime time(String value, String field, List<Refusal> refusals) {
        if (value == null || !TIME.matcher(value).matches()) {
            refusals.add(new Refusal(field, value == null ? "is required (HH:MM)" : "a time of day as HH:MM"));
            return null;
        }
        return LocalTime.parse(value, DateTimeFormatter.ofPattern("HH:mm"));
    }

    /** Whether {@code plan} (null: none named) is one of {@code plans}; an unknown one is refused. */
    private static boolean known(String plan, String field, Map<String, Long> plans, List<Refusal> refusals) {
        if (plan == null || plans.containsKey(plan)) {
            return true;
        }
        refusals.add(new Refusal(field, "unknown plan '" + clip(plan) + "' of this service"));
        return false;
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }

    /** The schedule as it was given (what an event carries). */
    public PlanSchedule source() {
        return source;
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isEmpty() {
        return windows.isEmpty();
    }

    /** The plans a schedule names, for a caller that checks them against more than the catalog. */
    public List<String> plans() {
        List<String> named = new ArrayList<>();
        windows.forEach(w -> {
            if (w.minPlan() != null) {
                named.add(w.minPlan());
            }
            if (w.maxPlan() != null) {
                named.add(w.maxPlan());
            }
        });
        return named;
    }

    /**
     * What holds at any time in {@code [now, now + lead]}: the highest minimum and the lowest maximum among the ranges
     * that hold then, so that a scheduled minimum is reached {@code lead} (the change latency) before it starts, and a
     * maximum before it starts too. Plans are compared by {@code rank} (memory: larger is higher).
     */
    public Bounds bounds(Instant now, Duration lead, ToLongFunction<String> rank) {
        String min = null;
        String max = null;
        List<String> asking = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            Window w = windows.get(i);
            if (!holdsWithin(i, w, now, lead)) {
                continue;
            }
            asking.add(w.name() == null ? "range " + (i + 1) : w.name());
            if (w.minPlan() != null && (min == null || rank.applyAsLong(w.minPlan()) > rank.applyAsLong(min))) {
                min = w.minPlan();
            }
            if (w.maxPlan() != null && (max == null || rank.applyAsLong(w.maxPlan()) < rank.applyAsLong(max))) {
                max = w.maxPlan();
            }
        }
        return asking.isEmpty() ? Bounds.NONE : new Bounds(min, max, List.copyOf(asking));
    }

    /** The last start of cron range {@code i} at or before {@code until}, from the cached span when it covers it. */
    private Optional<ZonedDateTime> lastStart(int i, ExecutionTime cron, ZonedDateTime until) {
        ZonedDateTime minute = until.withSecond(0).withNano(0);
        ZonedDateTime[] span = cronSpans.get(i);
        if (span != null && !minute.isBefore(span[0]) && minute.isBefore(span[1])) {
            return Optional.of(span[0]);
        }
        Optional<ZonedDateTime> last = cron.isMatch(minute) ? Optional.of(minute) : cron.lastExecution(until);
        last.ifPresent(start -> cronSpans.set(i, new ZonedDateTime[] {start, cron.nextExecution(start).orElse(start.plusYears(100))}));
        return last;
    }

    /** True when range {@code i} holds at some time in {@code [now, now + lead]}. */
    private boolean holdsWithin(int i, Window w, Instant now, Duration lead) {
        ZonedDateTime at = now.atZone(zone);
        ZonedDateTime until = now.plus(lead).atZone(zone);
        if (w.cron() != null) {
            // The last start at or before the span's end: it holds if it ends after the span begins.
            Optional<ZonedDateTime> last = lastStart(i, w.cron(), until);
            return last.isPresent() && last.get().plus(w.duration()).isAfter(at);
        }
        // Day-based: check the span's days (and the day before, for a range past midnight).
        for (LocalDate day = at.toLocalDate().minusDays(1); !day.isAfter(until.toLocalDate()); day = day.plusDays(1)) {
            boolean onDay = w.date() != null ? w.date().equals(day) : w.days().contains(day.getDayOfWeek());
            if (!onDay) {
                continue;
            }
            ZonedDateTime start = day.atTime(w.from()).atZone(zone);
            ZonedDateTime end = (w.to().isAfter(w.from()) ? day : day.plusDays(1)).atTime(w.to()).atZone(zone);
            if (start.isBefore(until.plusNanos(1)) && end.isAfter(at)) {
                return true;
            }
        }
        return false;
    }
}
