package io.redisscale.decision.policy;

import static io.redisscale.decision.policy.PolicyFixtures.NOW;
import static io.redisscale.decision.policy.PolicyFixtures.sampleAt;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DailyProfileTest {
    @Test
    void theLargestStepIsTheLargestRiseFromOneSampleToTheNextOverTheLastDay() {
        DailyProfile p = new DailyProfile();
        p.record(sampleAt(NOW.minusSeconds(3600), 10, 100));
        p.record(sampleAt(NOW.minusSeconds(3570), 60, 130)); // +50 connections, +30 MB
        p.record(sampleAt(NOW.minusSeconds(3540), 20, 190)); // +60 MB
        p.record(sampleAt(NOW.minusSeconds(3510), 20, 100));
        assertEquals(new ScalingPolicy.Load(60_000_000L, 50), p.largestStep(NOW));
    }

    @Test
    void aRiseOverAGapIsNotAStep() {
        DailyProfile p = new DailyProfile();
        p.record(sampleAt(NOW.minusSeconds(3600), 10, 100));
        p.record(sampleAt(NOW.minusSeconds(3600 - DailyProfile.STEP_GAP_S - 1), 500, 900));
        assertEquals(new ScalingPolicy.Load(0, 0), p.largestStep(NOW));
    }

    @Test
    void aStepOlderThanADayIsForgotten() {
        DailyProfile p = new DailyProfile();
        p.record(sampleAt(NOW.minusSeconds(90_000), 10, 100));
        p.record(sampleAt(NOW.minusSeconds(89_970), 10, 400));
        assertEquals(new ScalingPolicy.Load(0, 0), p.largestStep(NOW));
        assertEquals(300_000_000L, p.largestStep(NOW.minusSeconds(7200)).memory(), "still within a day two hours ago");
    }
}
