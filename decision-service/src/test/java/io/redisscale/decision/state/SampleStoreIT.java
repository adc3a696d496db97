package io.redisscale.decision.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.MetricSample;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Samples no window reaches are packed into hourly rows of what the daily profile reads; a window and a profile
 * rebuilt from the packed store are the very ones held before: every sample of the window, every slot of the profile.
 */
@QuarkusTest
class SampleStoreIT {
    @Inject
    SampleStore store;
    @Inject
    Windows windows;

    @Test
    void aRebuildFromPackedHoursGivesTheSameWindowAndProfile() {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        List<MetricSample> samples = new ArrayList<>();
        for (int i = 3 * 120; i >= 0; i--) { // three hours at 30 s, with failed polls and steps among them
            Instant at = now.minusSeconds(30L * i);
            samples.add(i % 37 == 5
                    ? new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.unreachable, "timeout", null, null,
                            "rediscloud:30", 30_000_000L, 30, null, null, null, null)
                    : new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok, null, 10_000_000L + (i * 7_919L) % 4_000_000,
                            i % 23, "rediscloud:30", 30_000_000L, 30, 30_000_000L, 30, (long) i / 50, 0L));
        }
        QuarkusTransaction.requiringNew().run(() -> store.saveAll(samples));
        samples.forEach(windows::add);
        MetricSample last = samples.get(samples.size() - 1);
        Windows.View held = windows.add(last); // a repeated sample changes nothing: the window as held

        assertTrue(store.pack() >= 2, "the hours no window reaches are packed");
        long rows = QuarkusTransaction.requiringNew().call(() -> ((Number) io.redisscale.decision.DecisionEntity.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM window_sample WHERE instance_id = ?1").setParameter(1, id)
                .getSingleResult()).longValue());
        assertTrue(rows <= 1 + windows.keep().plusHours(1).toSeconds() / 30,
                "no more than the window's reach and the hour it starts in stay a row per sample: " + rows);

        windows.forget(id);
        Map<UUID, SampleStore.Stored> stored = QuarkusTransaction.requiringNew().call(
                () -> store.since(List.of(id), last.at().minus(SampleStore.RETENTION)));
        windows.rebuild(id, stored.get(id));
        Windows.View rebuilt = windows.add(last);
        assertEquals(held.samples(), rebuilt.samples(), "the window, sample by sample");
        assertEquals(held.profile(), rebuilt.profile(), "the daily profile, slot by slot");
        assertEquals(samples.stream().filter(MetricSample::ok).count(), stored.get(id).packed().size()
                + stored.get(id).recent().stream().filter(MetricSample::ok).count(), "every answered poll is kept for the profile");

        QuarkusTransaction.requiringNew().run(() -> store.pack());
        assertEquals(held.samples(), QuarkusTransaction.requiringNew().call(() -> store.since(List.of(id), last.at()
                .minus(Duration.ofHours(1)))).get(id).recent().stream().filter(s -> !s.at().isBefore(held.samples().get(0).at())).toList(),
                "packing again takes nothing a window reaches");
        windows.forget(id);
    }

    @Test
    void theRiseCalendarOutlivesTheSamplesItLearntFrom() {
        UUID id = UUID.randomUUID();
        Instant then = Instant.now().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Windows.View held = null;
        for (int i = 0; i < 3; i++) { // a rise of 40 MB and 7 connections three days ago, no sample of it kept
            held = windows.add(new MetricSample(UUID.randomUUID(), id, then.plusSeconds(30L * i), MetricSample.Status.ok, null,
                    i == 0 ? 10_000_000L : 50_000_000L, i == 0 ? 3 : 10, "rediscloud:100", 100_000_000L, 256, 100_000_000L, 256, 0L, 0L));
        }
        io.redisscale.decision.policy.RiseCalendar learnt = held.profile().calendar();
        assertTrue(QuarkusTransaction.requiringNew().call(() -> store.saveCalendars()) >= 1, "kept once it learnt something");
        assertEquals(0, QuarkusTransaction.requiringNew().call(() -> store.saveCalendars() > 0 && windows.changedCalendars().containsKey(id) ? 1 : 0),
                "not again until it learns more");

        windows.forget(id);
        Map<UUID, SampleStore.Stored> stored = QuarkusTransaction.requiringNew().call(
                () -> store.since(List.of(id), Instant.now().minus(SampleStore.RETENTION)));
        assertTrue(stored.get(id).packed().isEmpty() && stored.get(id).recent().isEmpty(), "the samples are past the retention");
        windows.rebuild(id, stored.get(id));
        Windows.View rebuilt = windows.add(new MetricSample(UUID.randomUUID(), id, Instant.now(), MetricSample.Status.ok, null,
                50_000_000L, 10, "rediscloud:100", 100_000_000L, 256, 100_000_000L, 256, 0L, 0L));
        assertEquals(learnt, rebuilt.profile().calendar(), "the calendar, hour by hour");
        windows.forget(id);
    }
}
