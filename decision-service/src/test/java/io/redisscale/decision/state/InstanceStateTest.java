package io.redisscale.decision.state;

import io.redisscale.decision.policy.InstanceLoop;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class InstanceStateTest {
    private static final Instant T0 = Instant.parse("2026-11-27T00:00:00Z");

    private static InstanceLoop.State goodAt(Instant at, boolean missingOpen) {
        InstanceLoop.State s = new InstanceLoop.State();
        s.lastGoodSampleAt = at;
        s.dataMissingOpen = missingOpen;
        return s;
    }

    @Test
    void theLastGoodSampleIsStoredOnceAGrainNotOnEverySample() {
        InstanceState row = new InstanceState();
        row.apply(goodAt(T0, false));
        assertEquals(T0, row.lastGoodSampleAt, "the first is stored");
        row.apply(goodAt(T0.plusSeconds(30), false));
        row.apply(goodAt(T0.plusSeconds(90), false));
        assertEquals(T0, row.lastGoodSampleAt, "within the grain the row is left as it is");
        Instant later = T0.plus(InstanceState.LAST_GOOD_GRAIN);
        row.apply(goodAt(later, false));
        assertEquals(later, row.lastGoodSampleAt, "a grain later it is stored");
    }

    @Test
    void applyTellsWhetherTheRowIsToBeWritten() {
        InstanceState row = new InstanceState();
        assertEquals(true, row.apply(goodAt(T0, false)), "the first good sample");
        assertEquals(false, row.apply(goodAt(T0.plusSeconds(30), false)), "within the grain nothing stored changes");
        InstanceLoop.State breach = goodAt(T0.plusSeconds(60), false);
        breach.breachOpen = true;
        assertEquals(true, row.apply(breach), "an episode opens");
        assertEquals(false, row.apply(breach), "the same state again");
        breach.lastChangeAt = T0;
        assertEquals(true, row.apply(breach), "a change of plan");
        assertEquals(true, row.apply(goodAt(T0.plus(InstanceState.LAST_GOOD_GRAIN), false)), "a grain later, and the episode closed");
    }

    @Test
    void theSampleThatEndsADataMissingEpisodeIsStored() {
        InstanceState row = new InstanceState();
        row.apply(goodAt(T0, true));
        row.apply(goodAt(T0.plusSeconds(30), false));
        assertEquals(T0.plusSeconds(30), row.lastGoodSampleAt);
        assertEquals(false, row.dataMissingOpen);
    }
}
