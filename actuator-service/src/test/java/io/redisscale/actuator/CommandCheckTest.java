package io.redisscale.actuator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisscale.events.Plan;
import io.redisscale.events.PlanCatalog;
import io.redisscale.events.ReasonCode;
import io.redisscale.events.ScaleCommand;
import io.redisscale.testsupport.InstanceFixtures;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CommandCheckTest {
    private static final Map<String, Plan> CATALOG = Stream.concat(PlanCatalog.bundled("rediscloud").stream(),
            PlanCatalog.bundled("heroku-redis").stream()).collect(Collectors.toMap(Plan::name, Function.identity()));

    @ParameterizedTest(name = "{0} (min {1}, max {2}) -> {3}")
    @CsvSource({
            "rediscloud:100,         rediscloud:30,  rediscloud:1000, ''",
            "rediscloud:30,          rediscloud:30,  rediscloud:1000, ''",
            "rediscloud:1000,        rediscloud:30,  rediscloud:1000, ''",
            "rediscloud:5000,        rediscloud:30,  rediscloud:1000, outside",
            "rediscloud:30,          rediscloud:100, rediscloud:1000, outside",
            "rediscloud:nope,        rediscloud:30,  rediscloud:1000, not in the plan catalog",
            "heroku-redis:premium-0, rediscloud:30,  rediscloud:1000, is a heroku-redis plan"})
    void refusesWhatTheCatalogAndTheBoundsDoNotAllow(String target, String min, String max, String refusal) {
        var instance = InstanceFixtures.local("checked").minPlan(min).maxPlan(max).build();
        ScaleCommand c = new ScaleCommand(UUID.randomUUID(), instance.id(), "rediscloud:100", target,
                ScaleCommand.Direction.up, ReasonCode.sustained_breach, "test", null, null, Instant.now());
        String found = CommandCheck.refusal(c, instance, CATALOG).orElse("");
        assertEquals(refusal.isEmpty(), found.isEmpty(), found);
        assertEquals(true, found.contains(refusal), found);
    }
}
