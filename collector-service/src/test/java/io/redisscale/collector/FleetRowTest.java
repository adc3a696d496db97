package io.redisscale.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.redisscale.events.Plan;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FleetRowTest {
    private static final Plan P100 = new Plan("rediscloud:100", "rediscloud", 100_000_000L, 256, 10);
    private static final Plan UNLIMITED = new Plan("heroku-redis:premium-0", "heroku-redis", 50_000_000L, Plan.UNLIMITED, 15);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // case                        | reachable | memory    | conns | changing | scaling | dry  | state        | modes
            "under both thresholds         | true      | 50000000  | 10    | false    | true    | false | ok          | ''",
            "memory at the threshold       | true      | 80000000  | 10    | false    | true    | false | breach      | ''",
            "connections over              | true      | 10000000  | 250   | false    | true    | false | breach      | ''",
            "unreachable wins              | false     | 90000000  | 10    | true     | true    | false | unreachable | ''",
            "a change under way            | true      | 90000000  | 10    | true     | true    | false | changing    | ''",
            "never polled                  | null      | null      | null  | false    | true    | false | no data yet | ''",
            "breach with scaling off       | true      | 95000000  | 10    | false    | false   | true  | breach      | scaling off;dry run",
    })
    void stateInWords(String name, Boolean reachable, Long memory, Integer conns, boolean changing, boolean scaling, boolean dry,
                      String state, String modes) {
        FleetRow r = FleetRow.of(entity("a", reachable, scaling, dry), P100, memory, conns, changing, 0);
        assertEquals(state, r.state());
        assertEquals(modes.isEmpty() ? List.of() : List.of(modes.split(";")), r.modes());
    }

    @ParameterizedTest(name = "sort={0} desc={1}")
    @CsvSource(delimiter = '|', value = {
            "name     | false | a,b,c",
            "memory   | true  | b,c,a",
            "memory   | false | a,c,b",
            "price    | true  | c,a,b",
            "nonsense | false | a,b,c",
    })
    void sorts(String column, boolean descending, String order) {
        List<FleetRow> rows = List.of(
                FleetRow.of(entity("b", true, true, false), P100, 90_000_000L, 1, false, 1),
                FleetRow.of(entity("a", true, true, false), P100, null, null, false, 2),
                FleetRow.of(entity("c", true, true, false), UNLIMITED, 20_000_000L, 1, false, 3));
        assertEquals(List.of(order.split(",")), FleetRow.sorted(rows, column, descending).stream().map(FleetRow::name).toList());
    }

    private static InstanceEntity entity(String name, Boolean reachable, boolean scaling, boolean dry) {
        InstanceEntity e = new InstanceEntity();
        e.id = UUID.randomUUID();
        e.name = name;
        e.provider = "local";
        e.plan = "rediscloud:100";
        e.reachable = reachable;
        e.scalingEnabled = scaling;
        e.dryRun = dry;
        e.memoryThresholdPercent = 80;
        e.connectionThresholdPercent = 80;
        return e;
    }
}
