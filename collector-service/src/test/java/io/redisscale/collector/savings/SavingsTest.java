package io.redisscale.collector.savings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.redisscale.events.Plan;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SavingsTest {
    static final long MB = 1_000_000L;
    static final List<Plan> CATALOG = List.of(
            new Plan("kv:a", "kv", 100 * MB, 20, 10),
            new Plan("kv:b", "kv", 500 * MB, 100, 50),
            new Plan("kv:c", "kv", 1000 * MB, 500, 100));
    /** A 30-day period: one month's price is exactly the monthly price. */
    static final Instant FROM = Instant.parse("2026-04-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-05-01T00:00:00Z");

    /**
     * history: plan@day-of-period ... (the instance registered at the first); peak: MB/connections or "none";
     * thresholds 80 % memory and connections.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            stayed on its plan                 | kv:b@0          | 300/10  | 50.00  | 50.00  | kv:b | 50.00  | 0.00  | 0.00
            moved down half way                | kv:c@0 kv:a@15  | 70/10   | 55.00  | 100.00 | kv:a | 10.00  | 45.00 | -45.00
            registered a third of the way in   | kv:b@10         | 300/10  | 33.33  | 33.33  | kv:b | 33.33  | 0.00  | 0.00
            no sample in the period            | kv:b@0          | none    | 50.00  | 50.00  | null | null   | 0.00  | null
            no plan holds the peak             | kv:b@0          | 900/10  | 50.00  | 50.00  | null | null   | 0.00  | null
            connections pick the plan          | kv:a@0 kv:c@20  | 50/90   | 40.00  | 10.00  | kv:c | 100.00 | -30.00| 60.00
            """)
    void line(String name, String history, String peak, double cost, double registeredUsd, String rightSizedPlan,
              Double rightSizedUsd, double savedVsRegistered, Double savedVsRightSized) {
        List<Savings.PlanSince> plans = new ArrayList<>();
        for (String h : history.split(" ")) {
            String[] p = h.split("@");
            double price = CATALOG.stream().filter(c -> c.name().equals(p[0])).findFirst().orElseThrow().priceMonthUsd();
            plans.add(new Savings.PlanSince(p[0], price, FROM.plusSeconds(86400L * Integer.parseInt(p[1]))));
        }
        List<Savings.DayPeak> peaks = new ArrayList<>();
        if (!peak.equals("none")) {
            String[] p = peak.split("/");
            // The peak on one day, lower load on others: the period's peak is the highest day.
            peaks.add(new Savings.DayPeak(LocalDate.parse("2026-04-20"), Long.parseLong(p[0]) * MB, Integer.parseInt(p[1])));
            peaks.add(new Savings.DayPeak(LocalDate.parse("2026-04-21"), MB, 1));
        }
        // A peak outside the period does not count.
        peaks.add(new Savings.DayPeak(LocalDate.parse("2026-05-01"), 5000 * MB, 1000));

        Savings.Line l = Savings.line(plans, peaks, CATALOG, 80, 80, FROM, TO);

        assertEquals(cost, l.costUsd(), 0.001, "cost");
        assertEquals(plans.get(0).plan(), l.registeredPlan());
        assertEquals(registeredUsd, l.registeredUsd(), 0.001, "registered baseline");
        assertEquals(rightSizedPlan, l.rightSizedPlan());
        assertEquals(rightSizedUsd, l.rightSizedUsd());
        assertEquals(savedVsRegistered, l.savedVsRegisteredUsd(), 0.001, "saved against the registered plan");
        assertEquals(savedVsRightSized, l.savedVsRightSizedUsd());
    }

    @Test
    void noHistoryCostsNothing() {
        Savings.Line l = Savings.line(List.of(), List.of(), CATALOG, 80, 80, FROM, TO);
        assertEquals(0, l.costUsd());
        assertNull(l.registeredPlan());
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-01-20T12:00:00Z | 2026-03-05T00:00:00Z | month | 2026-01-20T12:00:00Z 2026-02-01T00:00:00Z 2026-03-01T00:00:00Z 2026-03-05T00:00:00Z
            2026-01-20T12:00:00Z | 2026-01-22T06:00:00Z | day   | 2026-01-20T12:00:00Z 2026-01-21T00:00:00Z 2026-01-22T00:00:00Z 2026-01-22T06:00:00Z
            2026-01-20T12:00:00Z | 2026-03-05T00:00:00Z | total | 2026-01-20T12:00:00Z 2026-03-05T00:00:00Z
            """)
    void periodsCutAtUtcBoundaries(String from, String to, Savings.Period period, String bounds) {
        List<Instant> expected = Arrays.stream(bounds.split(" ")).map(Instant::parse).toList();
        List<Instant[]> cuts = Savings.periods(Instant.parse(from), Instant.parse(to), period);
        assertEquals(expected.size() - 1, cuts.size());
        for (int i = 0; i < cuts.size(); i++) {
            assertEquals(expected.get(i), cuts.get(i)[0]);
            assertEquals(expected.get(i + 1), cuts.get(i)[1]);
        }
    }

    @Test
    void fleetSumsRightSizedOnlyWhereKnown() {
        Savings.Line known = new Savings.Line(FROM, TO, 10, "kv:b", 50, "kv:a", 10.0, 40, 0.0);
        Savings.Line unknown = new Savings.Line(FROM, TO, 50, "kv:b", 50, null, null, 0, null);
        Savings.Line sum = Savings.sum(FROM, TO, List.of(known, unknown));
        assertEquals(60, sum.costUsd());
        assertEquals(100, sum.registeredUsd());
        assertEquals(40, sum.savedVsRegisteredUsd());
        assertEquals(10.0, sum.rightSizedUsd());
        assertEquals(0.0, sum.savedVsRightSizedUsd());
    }
}
