package io.redisscale.decision.policy;

import static io.redisscale.events.Figures.mb;
import static io.redisscale.events.Figures.usd;

import io.redisscale.events.DecisionInputs;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Plan;
import io.redisscale.events.ReasonCode;
import io.redisscale.schedule.Schedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The scaling policy, in named stages like the Kubernetes HPA's: <b>clamp</b> a plan outside the
 * instance's min..max back inside; <b>recommend</b> the plan the load asks for (up on a sustained breach,
 * a trend or the daily profile; down to the cheapest plan holding the down window's peak with a buffer);
 * <b>stabilise</b> a scale-down (the down wait, complete data over the down window); <b>limit</b> any
 * change (cooldown, daily budget). Each stage that settles the decision gives its {@link ReasonCode} and
 * a sentence. Pure: the same inputs and clock give the same decision.
 */
public final class ScalingPolicy {
    /** How many of the latest samples the trend's slope is taken over. */
    static final int SLOPE_SAMPLES = 5;
    /** How far ahead the daily profile is read before going down: not into a plan the coming hours would fill. */
    static final Duration DOWN_LOOKAHEAD = Duration.ofHours(2);

    private final PolicySettings settings;
    private final Clock clock;

    public ScalingPolicy(PolicySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** A stage's verdict: the action and plan it points to, with its code and sentence. */
    private record Stage(Decision.Action action, Plan plan, ReasonCode code, String why, DecisionInputs inputs) {}

    /** What recommend found for going up: its trigger and the load the new plan must hold. */
    private record UpNeed(ReasonCode code, String why, Load need, DecisionInputs inputs) {}

    Decision decide(PolicyInput in) {
        Instant now = clock.instant();
        List<MetricSample> good = good(in.samples());
        if (good.isEmpty()) {
            return new Decision(Decision.Action.hold, null, ReasonCode.no_data, "no good sample to judge yet", null, false);
        }
        // A schedule's range narrows min..max from a change latency before it starts to its end.
        Schedule.Bounds scheduled = in.schedule().bounds(now, horizon(in.config()), name -> plan(in, name).memoryBytes());
        List<Plan> allowed = allowed(in, scheduled);
        MetricSample last = good.get(good.size() - 1);
        List<MetricSample> upSamples = since(good, last.at().minus(settings.upWindow()));
        Load upLoad = Load.peak(upSamples);
        DecisionInputs upInputs = inputs(upSamples, upLoad, in.current(), in.config());
        boolean breach = !holds(in.current(), last.usedMemoryBytes(), last.connectedClients(), in.config(), 0);

        // A plan outside min..max is moved inside first, whatever the load.
        Optional<Stage> outside = clampCurrent(in, allowed, upLoad, upInputs, scheduled);
        if (outside.isPresent()) {
            return decision(outside.get(), breach);
        }
        Optional<UpNeed> up = recommendUp(in, good, upSamples, upLoad, upInputs, now);
        if (up.isPresent()) {
            Stage clamped = clampToMax(in, allowed, up.get());
            // Even the max plan is over a threshold: a breach, whatever the latest sample alone says.
            return clamped.action() == Decision.Action.cannot_scale ? decision(clamped, true)
                    : decision(limit(in, now, settings.upCooldown(), clamped), breach);
        }
        // Down: stabilise first (cheap, and what holds most samples), then recommend over the down window.
        Instant from = now.minus(settings.downWindow());
        List<MetricSample> window = since(in.samples(), from);
        Optional<Stage> unstable = stabiliseDown(in, window, from, now, upInputs);
        if (unstable.isPresent()) {
            return decision(unstable.get(), breach);
        }
        Stage down = recommendDown(in, allowed, window, now);
        if (down.action() == Decision.Action.hold) {
            return decision(down, breach);
        }
        return decision(limit(in, now, Duration.ofSeconds(in.config().scalingRateSeconds()), down), breach);
    }

    /** Recommend up: a sustained breach, a trend that would cross the plan, or what yesterday brought next. */
    private Optional<UpNeed> recommendUp(PolicyInput in, List<MetricSample> good, List<MetricSample> upSamples, Load upLoad,
                                        DecisionInputs upInputs, Instant now) {
        InstanceConfig c = in.config();
        Plan current = in.current();
        MetricSample last = good.get(good.size() - 1);
        boolean observedLongEnough = !good.get(0).at().isAfter(last.at().minus(settings.upWindow()));
        boolean sustained = observedLongEnough && upSamples.stream()
                .allMatch(s -> !holds(current, s.usedMemoryBytes(), s.connectedClients(), c, 0));
        long predicted = predict(good, c, s -> (double) s.usedMemoryBytes());
        int predictedConns = (int) predict(good, c, s -> (double) s.connectedClients());
        // A rise over one change latency that the window saw again and again: one more like it must not overflow.
        Load jump = repeatedRise(good, horizon(c));
        predicted = Math.max(predicted, last.usedMemoryBytes() + jump.memory());
        predictedConns = Math.max(predictedConns, last.connectedClients() + jump.connections());
        // What the same time yesterday added over the next minutes, on top of today's load: up before it comes again.
        Load rise = in.profile().riseAhead(now, horizon(c).plusSeconds(DailyProfile.SLOT_S));
        Load yesterday = new Load(rise.memory() > 0 ? last.usedMemoryBytes() + rise.memory() : 0,
                rise.connections() > 0 ? last.connectedClients() + rise.connections() : 0);
        boolean daily = yesterday.memory() > current.memoryBytes()
                || !current.unlimitedConnections() && yesterday.connections() > current.maxConnections();
        // A rise as large as any seen, in the hours such rises come: the plan holds it at 100% before it comes.
        Load room = riseRoom(in, now, horizon(c));
        Load roomNeed = new Load(room.memory() > 0 ? last.usedMemoryBytes() + room.memory() : 0,
                room.connections() > 0 ? last.connectedClients() + room.connections() : 0);
        boolean riseRoom = !current.holdsMemory(roomNeed.memory(), 100) || !current.holdsConnections(roomNeed.connections(), 100);
        boolean memoryTrend = predicted > current.memoryBytes();
        boolean connectionTrend = !current.unlimitedConnections() && predictedConns > current.maxConnections();
        if (!(sustained || memoryTrend || connectionTrend || daily || riseRoom)) {
            return Optional.empty();
        }
        Load need = new Load(Math.max(Math.max(upLoad.memory(), predicted), yesterday.memory()),
                Math.max(Math.max(upLoad.connections(), predictedConns), yesterday.connections()));
        // The room is held at 100% of the plan: as a need under the thresholds, it is scaled down by them.
        need = new Load(Math.max(need.memory(), (long) (roomNeed.memory() * c.memoryThresholdPercent() / 100.0)),
                Math.max(need.connections(), (int) Math.ceil(roomNeed.connections() * c.connectionThresholdPercent() / 100.0)));
        ReasonCode code;
        String why;
        if (sustained) {
            code = ReasonCode.sustained_breach;
            why = describe(upLoad, current, c) + ", every sample of the last " + seconds(settings.upWindow()) + " over ("
                    + upSamples.size() + " samples)";
        } else if (memoryTrend) {
            code = ReasonCode.memory_trend;
            why = "memory trend: " + mb(last.usedMemoryBytes()) + " now, " + mb(predicted) + " expected within "
                    + seconds(horizon(c)) + " (change latency + one poll), over the " + mb(current.memoryBytes())
                    + " of " + current.name();
        } else if (daily) {
            code = ReasonCode.daily_profile;
            why = "yesterday the next " + seconds(horizon(c).plusSeconds(DailyProfile.SLOT_S)) + " added " + mb(rise.memory())
                    + " and " + rise.connections() + " connections; on today's load that is " + describe(yesterday, current, c)
                    + "; scaling before it comes again";
        } else if (riseRoom) {
            code = ReasonCode.rise_room;
            why = "a rise of " + mb(room.memory()) + " and " + room.connections() + " connections from one sample to the next"
                    + " (the largest seen) can come in the next " + seconds(horizon(c)) + ", as such rises came at this hour before;"
                    + " on today's " + mb(last.usedMemoryBytes()) + " and " + last.connectedClients() + " connections it would be "
                    + mb(roomNeed.memory()) + " and " + roomNeed.connections() + " connections, more than " + current.name()
                    + " holds; scaling before it comes";
        } else {
            code = ReasonCode.connection_trend;
            why = "connection trend: " + last.connectedClients() + " now, " + predictedConns + " expected within "
                    + seconds(horizon(c)) + ", over the " + current.maxConnections() + " of " + current.name();
        }
        return Optional.of(new UpNeed(code, why, need, upInputs));
    }

    /**
     * Recommend down: the cheapest allowed plan that holds the down window's peak (and the coming hours')
     * under the thresholds with the step's buffer ({@link #downBuffer}), and into which a rise as large as
     * the last day's largest from one sample to the next would still fit: such a rise comes before any
     * sample could ask to go back up; and, in the hours where the rise calendar expects one in the next two,
     * that holds the window's peak plus the largest rise ever seen at 100% ({@link RiseCalendar}).
     */
    private Stage recommendDown(PolicyInput in, List<Plan> allowed, List<MetricSample> window, Instant now) {
        InstanceConfig c = in.config();
        Plan current = in.current();
        Load seen = Load.peak(window);
        Load ahead = in.profile().riseAhead(now, DOWN_LOOKAHEAD);
        Load peak = new Load(seen.memory() + ahead.memory(), seen.connections() + ahead.connections());
        DecisionInputs inputs = inputs(window, peak, current, c);
        Load step = in.profile().largestStep(now);
        Load room = riseRoom(in, now, DOWN_LOOKAHEAD);
        java.util.function.Predicate<Plan> fits = p -> holds(p, peak.memory(), peak.connections(), c, downBuffer(p, current))
                && p.holdsMemory(peak.memory() + step.memory(), 100)
                && p.holdsMemory(seen.memory() + room.memory(), 100) && p.holdsConnections(seen.connections() + room.connections(), 100);
        Optional<Plan> target = allowed.stream()
                .filter(p -> p.priceMonthUsd() < current.priceMonthUsd())
                .filter(fits)
                .min(Comparator.comparingDouble(Plan::priceMonthUsd).thenComparing(Plan::memoryBytes, Comparator.reverseOrder()));
        String rule = "under the thresholds (" + settings.downBufferPoints() + " points below them where a step saves less than half"
                + " the price) with room for a rise of " + mb(step.memory()) + " (the last day's largest from one sample to the next)"
                + (room.memory() > 0 || room.connections() > 0 ? " and, at 100%, for one of " + mb(room.memory()) + " and "
                + room.connections() + " connections (the largest seen, expected in these hours)" : "");
        if (target.isEmpty()) {
            return new Stage(Decision.Action.hold, null, ReasonCode.plan_fits, describe(peak, current, c) + " at peak over "
                    + seconds(settings.downWindow()) + "; no cheaper plan holds it " + rule, inputs);
        }
        return new Stage(Decision.Action.down, target.get(), ReasonCode.fits_cheaper_plan, "peak over "
                + seconds(settings.downWindow()) + ": " + describe(peak, current, c) + "; " + target.get().name() + " ("
                + usd(target.get().priceMonthUsd()) + "/month, saves " + usd(current.priceMonthUsd() - target.get().priceMonthUsd())
                + "/month) holds it " + rule + ". Candidates: " + candidates(allowed, peak, fits), inputs);
    }

    /**
     * The down buffer, by the step's price: a step that saves less than half the current price keeps
     * {@code downBufferPoints} under the thresholds, so that small savings do not cost a change back up
     * soon after; a step that saves half or more needs only the thresholds, since what it saves outweighs
     * a change back (Heroku Key-Value Store's plans are few and far apart: its 5-point buffer made a base
     * load at 79% of a plan keep the plan 3.75 times as dear).
     */
    double downBuffer(Plan target, Plan current) {
        return current.priceMonthUsd() - target.priceMonthUsd() >= current.priceMonthUsd() / 2 ? 0 : settings.downBufferPoints();
    }

    /** Stabilise down: not within the down wait of the last change, and only over complete data. */
    private Optional<Stage> stabiliseDown(PolicyInput in, List<MetricSample> window, Instant from, Instant now,
                                          DecisionInputs upInputs) {
        if (in.lastChangeAt() != null && in.lastChangeAt().plus(settings.downWait()).isAfter(now)) {
            return Optional.of(new Stage(Decision.Action.hold, null, ReasonCode.cooldown,
                    "within " + seconds(settings.downWait()) + " of the last change", upInputs));
        }
        return missingData(window, from, now).map(gap -> new Stage(Decision.Action.hold, null, ReasonCode.missing_data,
                "no scale-down: " + gap, upInputs));
    }

    /** Limit: a change waits out its cooldown and the daily budget; held, it still names its target. */
    private Stage limit(PolicyInput in, Instant now, Duration cooldown, Stage change) {
        if (in.lastChangeAt() != null && in.lastChangeAt().plus(cooldown).isAfter(now)) {
            return new Stage(Decision.Action.hold, change.plan(), ReasonCode.cooldown,
                    change.why() + "; held: cooldown of " + seconds(cooldown) + " since the last change", change.inputs());
        }
        if (in.changesLast24h() >= settings.maxChangesPerDay()) {
            return new Stage(Decision.Action.hold, change.plan(), ReasonCode.budget_spent,
                    change.why() + "; held: budget of " + settings.maxChangesPerDay() + " changes a day spent", change.inputs());
        }
        return change;
    }

    /** The rise calendar's room over {@code [now, now + ahead]}, at the instance's thresholds. */
    private static Load riseRoom(PolicyInput in, Instant now, Duration ahead) {
        InstanceConfig c = in.config();
        return in.profile().riseRoom(now, ahead, 100.0 / c.memoryThresholdPercent(), 100.0 / c.connectionThresholdPercent());
    }

    /** Clamp up to the max plan: the cheapest allowed plan holding the need, else the max plan, or cannot_scale on it. */
    private Stage clampToMax(PolicyInput in, List<Plan> allowed, UpNeed up) {
        InstanceConfig c = in.config();
        Plan current = in.current();
        Optional<Plan> target = cheapestHolding(allowed, up.need(), c, 0);
        String candidates = candidates(allowed, up.need(), p -> holds(p, up.need().memory(), up.need().connections(), c, 0));
        String why = up.why();
        if (target.isEmpty() || target.get().name().equals(current.name())) {
            Plan top = allowed.get(allowed.size() - 1);
            if (top.memoryBytes() <= current.memoryBytes() && top.priceMonthUsd() <= current.priceMonthUsd()
                    || top.name().equals(current.name())) {
                return new Stage(Decision.Action.cannot_scale, top, ReasonCode.max_plan_too_small, why
                        + "; no plan up to the max plan " + c.maxPlan() + " holds it under the thresholds. Candidates: "
                        + candidates, up.inputs());
            }
            target = Optional.of(top);
            why = why + "; even the max plan will be over the threshold, moving to it";
        }
        return new Stage(Decision.Action.up, target.get(), up.code(), why + "; cheapest plan holding it: "
                + target.get().name() + " (" + usd(target.get().priceMonthUsd()) + "/month). Candidates: " + candidates, up.inputs());
    }

    /** Clamp the current plan: one outside min..max (the instance's, narrowed by its schedule) is moved inside. */
    private Optional<Stage> clampCurrent(PolicyInput in, List<Plan> allowed, Load load, DecisionInputs inputs, Schedule.Bounds scheduled) {
        Plan current = in.current();
        Plan min = allowed.get(0);
        Plan max = allowed.get(allowed.size() - 1);
        if (allowed.stream().anyMatch(p -> p.name().equals(current.name()))) {
            return Optional.empty();
        }
        String ranges = String.join(", ", scheduled.ranges());
        if (current.memoryBytes() < min.memoryBytes()) {
            Plan target = cheapestHolding(allowed, load, in.config(), 0).orElse(max);
            boolean bySchedule = min.name().equals(scheduled.minPlan());
            return Optional.of(new Stage(Decision.Action.up, target, bySchedule ? ReasonCode.schedule : ReasonCode.below_min,
                    bySchedule ? current.name() + " is below " + min.name() + ", the least the schedule (" + ranges + ") asks from "
                            + seconds(horizon(in.config())) + " before it holds"
                            : current.name() + " is below the min plan " + in.config().minPlan(), inputs));
        }
        boolean bySchedule = max.name().equals(scheduled.maxPlan());
        return Optional.of(new Stage(Decision.Action.down, max, bySchedule ? ReasonCode.schedule : ReasonCode.above_max,
                bySchedule ? current.name() + " is above " + max.name() + ", the most the schedule (" + ranges + ") allows"
                        : current.name() + " is above the max plan " + in.config().maxPlan(), inputs));
    }

    private static Decision decision(Stage s, boolean breach) {
        return new Decision(s.action(), s.plan(), s.code(), s.why(), s.inputs(), breach);
    }

    /**
     * At the min plan, a cheaper plan of the catalog below the min that would hold the down window's
     * peak with the down buffer: the user could lower the min plan and save. Empty otherwise.
     */
    Optional<Plan> roomBelowMin(PolicyInput in) {
        InstanceConfig c = in.config();
        if (!in.current().name().equals(c.minPlan())) {
            return Optional.empty();
        }
        Instant from = clock.instant().minus(settings.downWindow());
        List<MetricSample> window = since(in.samples(), from);
        if (window.isEmpty() || missingData(window, from, clock.instant()).isPresent()) {
            return Optional.empty();
        }
        return cheapestHolding(in.catalog(), Load.peak(window), c, settings.downBufferPoints())
                .filter(p -> p.priceMonthUsd() < in.current().priceMonthUsd());
    }

    /** Why the window cannot vouch for a scale-down, if it cannot. */
    private Optional<String> missingData(List<MetricSample> window, Instant from, Instant now) {
        if (window.isEmpty()) {
            return Optional.of("no samples in the last " + seconds(settings.downWindow()));
        }
        if (window.stream().anyMatch(s -> !s.ok())) {
            return Optional.of("failed polls in the last " + seconds(settings.downWindow()));
        }
        if (window.get(0).at().isAfter(from.plus(settings.maxGap()))) {
            return Optional.of("samples cover less than " + seconds(settings.downWindow()));
        }
        if (window.get(window.size() - 1).at().isBefore(now.minus(settings.maxGap()))) {
            return Optional.of("the latest sample is stale");
        }
        long maxGapMs = settings.maxGap().toMillis();
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).at().toEpochMilli() - window.get(i - 1).at().toEpochMilli() > maxGapMs) {
                return Optional.of("a gap in the samples at " + window.get(i - 1).at());
            }
        }
        return Optional.empty();
    }

    /** A metric's level expected when a change decided now would take effect, from the recent slope (0: not rising). */
    private long predict(List<MetricSample> good, InstanceConfig c, java.util.function.ToDoubleFunction<MetricSample> metric) {
        int n = Math.min(SLOPE_SAMPLES, good.size());
        if (n < 2) {
            return 0;
        }
        MetricSample first = good.get(good.size() - n);
        MetricSample last = good.get(good.size() - 1);
        double dt = Duration.between(first.at(), last.at()).toMillis() / 1000.0;
        if (dt <= 0) {
            return 0;
        }
        double slope = (metric.applyAsDouble(last) - metric.applyAsDouble(first)) / dt;
        if (slope <= 0) {
            return 0;
        }
        return (long) (metric.applyAsDouble(last) + slope * horizon(c).toSeconds());
    }

    /**
     * The rise over at most {@code span} that the window may bring again. Memory: one it saw twice, at
     * times more than {@code span} apart, so that a load rising in steps again and again is expected to do
     * so once more while a one-off step (a bulk load, a warm-up) is not extrapolated. Connections: the
     * largest it saw, since a jump of clients tends to come back and a refused client is an outage.
     */
    static Load repeatedRise(List<MetricSample> good, Duration span) {
        long spanMs = span.toMillis();
        int n = good.size();
        // Each sample read once (they are objects spread over the heap), then plain arrays.
        long[] at = new long[n];
        long[] memory = new long[n];
        long[] clients = new long[n];
        for (int i = 0; i < n; i++) {
            MetricSample s = good.get(i);
            at[i] = s.at().toEpochMilli();
            memory[i] = s.usedMemoryBytes();
            clients[i] = s.connectedClients();
        }
        int[] queue = new int[n];
        long[] memoryRises = rises(memory, at, spanMs, queue);
        long[] clientRises = rises(clients, at, spanMs, queue);
        return new Load(secondLargest(memoryRises, at, spanMs), (int) largest(clientRises));
    }

    /**
     * Per sample, the largest rise to it from a sample at most {@code spanMs} before it (0 for the first):
     * the sample's value less the least value in the span before it, kept in a monotonic queue so that a
     * long window costs one pass, not one pass per sample ({@code queue}: scratch space, one slot a sample).
     */
    private static long[] rises(long[] value, long[] at, long spanMs, int[] queue) {
        int n = value.length;
        long[] rise = new long[n];
        int head = 0; // queue: indexes of earlier samples within the span, their values increasing
        int tail = 0;
        for (int j = 1; j < n; j++) {
            while (tail > head && value[queue[tail - 1]] >= value[j - 1]) {
                tail--;
            }
            queue[tail++] = j - 1;
            while (at[j] - at[queue[head]] > spanMs) {
                head++;
                if (head == tail) {
                    break;
                }
            }
            rise[j] = head < tail ? Math.max(0, value[j] - value[queue[head]]) : 0;
        }
        return rise;
    }

    /** The largest rise. */
    private static long largest(long[] rise) {
        long top = 0;
        for (long r : rise) {
            top = Math.max(top, r);
        }
        return top;
    }

    /** The largest rise ending more than {@code spanMs} away from where the largest one ends. */
    private static long secondLargest(long[] rise, long[] at, long spanMs) {
        int top = -1;
        for (int j = 1; j < rise.length; j++) {
            if (top < 0 || rise[j] > rise[top]) {
                top = j;
            }
        }
        long second = 0;
        for (int j = 1; top >= 0 && j < rise.length; j++) {
            if (Math.abs(at[j] - at[top]) > spanMs) {
                second = Math.max(second, rise[j]);
            }
        }
        return second;
    }

    private Duration horizon(InstanceConfig c) {
        return settings.changeLatency().plusSeconds(c.metricRateSeconds());
    }

    /**
     * The plans from the min plan to the max plan, smallest first, narrowed by what the schedule asks (within the
     * instance's own min..max: a range never lifts its bounds) (loops: this runs for every judged sample).
     */
    private static List<Plan> allowed(PolicyInput in, Schedule.Bounds scheduled) {
        long minMem = plan(in, in.config().minPlan()).memoryBytes();
        long maxMem = plan(in, in.config().maxPlan()).memoryBytes();
        if (scheduled.minPlan() != null) {
            minMem = Math.min(maxMem, Math.max(minMem, plan(in, scheduled.minPlan()).memoryBytes()));
        }
        if (scheduled.maxPlan() != null) {
            maxMem = Math.max(minMem, Math.min(maxMem, plan(in, scheduled.maxPlan()).memoryBytes()));
        }
        List<Plan> out = new java.util.ArrayList<>(in.catalog().size());
        boolean sorted = true;
        for (Plan p : in.catalog()) {
            if (p.memoryBytes() >= minMem && p.memoryBytes() <= maxMem) {
                sorted &= out.isEmpty() || out.get(out.size() - 1).memoryBytes() <= p.memoryBytes();
                out.add(p);
            }
        }
        if (!sorted) {
            out.sort(Comparator.comparingLong(Plan::memoryBytes));
        }
        return out;
    }

    private static Plan plan(PolicyInput in, String name) {
        for (Plan p : in.catalog()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("plan " + name + " is not in the catalog");
    }

    private static Optional<Plan> cheapestHolding(List<Plan> plans, Load load, InstanceConfig c, double bufferPoints) {
        return plans.stream()
                .filter(p -> holds(p, load.memory(), load.connections(), c, bufferPoints))
                .min(Comparator.comparingDouble(Plan::priceMonthUsd).thenComparing(Plan::memoryBytes, Comparator.reverseOrder()));
    }

    static boolean holds(Plan p, long memory, int connections, InstanceConfig c, double bufferPoints) {
        return p.holdsMemory(memory, c.memoryThresholdPercent() - bufferPoints)
                && p.holdsConnections(connections, c.connectionThresholdPercent() - bufferPoints);
    }

    private static String candidates(List<Plan> plans, Load load, java.util.function.Predicate<Plan> fits) {
        return plans.stream().map(p -> p.name() + " " + usd(p.priceMonthUsd()) + " (" + pct(load.memory(), p.memoryBytes()) + "% memory"
                        + (p.unlimitedConnections() ? "" : ", " + pct(load.connections(), p.maxConnections()) + "% connections")
                        + (fits.test(p) ? ", fits)" : ", too small)"))
                .collect(Collectors.joining("; "));
    }

    /**
     * Why a breach alert is raised: the latest sample against the current plan's thresholds, whatever the
     * decision on it says (which may be about something else: a hold, a wait for a longer window).
     */
    static String breachReason(PolicyInput in) {
        List<MetricSample> good = good(in.samples());
        MetricSample last = good.get(good.size() - 1); // the sample the breach was judged on
        return describe(new Load(last.usedMemoryBytes(), last.connectedClients()), in.current(), in.config());
    }

    private static String describe(Load load, Plan p, InstanceConfig c) {
        String s = "memory " + mb(load.memory()) + " is " + pct(load.memory(), p.memoryBytes()) + "% of " + p.name()
                + " (threshold " + c.memoryThresholdPercent() + "%)";
        if (!p.unlimitedConnections()) {
            s += ", connections " + load.connections() + " are " + pct(load.connections(), p.maxConnections())
                    + "% of " + p.maxConnections() + " (threshold " + c.connectionThresholdPercent() + "%)";
        }
        return s;
    }

    private static DecisionInputs inputs(List<MetricSample> samples, Load load, Plan p, InstanceConfig c) {
        long span = samples.isEmpty() ? 0 : Duration.between(samples.get(0).at(), samples.get(samples.size() - 1).at()).toSeconds();
        int good = (int) samples.stream().filter(MetricSample::ok).count();
        return new DecisionInputs(span, good, load.memory(), load.connections(), pct(load.memory(), p.memoryBytes()),
                p.unlimitedConnections() ? 0 : pct(load.connections(), p.maxConnections()),
                c.memoryThresholdPercent(), c.connectionThresholdPercent());
    }

    private static double pct(double part, double whole) {
        return Math.round(part * 1000.0 / whole) / 10.0;
    }

    /** The good samples of a window (the window itself when all are). */
    private static List<MetricSample> good(List<MetricSample> samples) {
        for (MetricSample s : samples) {
            if (!s.ok()) {
                return samples.stream().filter(MetricSample::ok).toList();
            }
        }
        return samples;
    }

    /** The samples at or after {@code from}, of samples in time order: a view, found by binary search. */
    static List<MetricSample> since(List<MetricSample> samples, Instant from) {
        int lo = 0;
        int hi = samples.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (samples.get(mid).at().isBefore(from)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return samples.subList(lo, samples.size());
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    /** The peak memory and connections over some samples (failed ones ignored). */
    record Load(long memory, int connections) {
        static Load peak(List<MetricSample> samples) {
            long mem = 0;
            int conns = 0;
            for (MetricSample s : samples) {
                if (s.ok()) {
                    mem = Math.max(mem, s.usedMemoryBytes());
                    conns = Math.max(conns, s.connectedClients());
                }
            }
            return new Load(mem, conns);
        }
    }
}
