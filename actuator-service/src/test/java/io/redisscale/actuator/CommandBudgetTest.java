package io.redisscale.actuator;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandBudgetTest {
    private static final Duration POLL = Duration.ofMinutes(15); // the actuator's commands-in setting

    @Test
    void theShippedDefaultsFitThePollInterval() {
        assertDoesNotThrow(() -> CommandBudget.check(Duration.ofMinutes(13), Duration.ofSeconds(10), Duration.ofSeconds(60), POLL));
    }

    @Test
    void aDeadlinePastThePollIntervalStopsTheStartWithTheNumbers() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> CommandBudget.check(Duration.ofMinutes(14), Duration.ofSeconds(10), Duration.ofSeconds(60), POLL));
        assertTrue(e.getMessage().contains("920 s") && e.getMessage().contains("900 s"), e.getMessage());
    }
}
