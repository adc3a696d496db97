package io.redisscale.decision;

import io.redisscale.decision.backtest.Backtest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backtester decides with the settings the running service reads: one mapping, one set of defaults. */
@QuarkusTest
class SettingsParityIT {
    @Inject
    DecisionConfig service;

    @Test
    void theBacktesterReadsTheServicesSettings() {
        Backtest.Options plain = Backtest.parse(new String[] {"--trace", "t.csv", "--catalog", "c.json"});
        assertEquals(service.policy(), plain.settings());
        assertEquals(service.changeLatency().toSeconds(), plain.changeLatency());

        Backtest.Options tuned = Backtest.parse(new String[] {"--trace", "t.csv", "--catalog", "c.json", "--up-window", "120"});
        assertEquals(Duration.ofSeconds(120), tuned.settings().upWindow());
        assertNotEquals(service.policy(), tuned.settings());
        assertEquals(Path.of("t.csv"), tuned.trace());
    }
}
