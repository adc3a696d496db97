package io.redisscale.actuator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An attempt log kept in memory, for changer tests that need no database. */
final class RecordingLog implements PlanChanger.AttemptLog {
    final List<String> calls = new ArrayList<>();
    Instant changedAt;
    /** As far off as a test needs: the command deadline is tested where it is set. */
    Instant deadline = Instant.now().plusSeconds(3600);

    @Override
    public void record(String action, String result) {
        calls.add(action + " -> " + result);
    }

    @Override
    public void changing() {
    }

    @Override
    public Instant changed() {
        changedAt = Instant.now();
        return changedAt;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public Optional<Instant> changedAt() {
        return Optional.ofNullable(changedAt);
    }
}
