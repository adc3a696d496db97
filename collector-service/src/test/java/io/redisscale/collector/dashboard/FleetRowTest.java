package io.redisscale.collector.dashboard;

import io.redisscale.collector.registry.InstanceEntity;
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

    @ParameterizedTest(name = "filter={0} page={1}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            // filter | page | size | names shown | number | pages | from | to | total
            "null     | 1    | 2    | a1,a2       | 1      | 3     | 1    | 2  | 5",
            "null     | 3    | 2    | b2          | 3      | 3     | 5    | 5  | 5",
            "null     | 9    | 2    | b2          | 3      | 3     | 5    | 5  | 5",
            "null     | 0    | 2    | a1,a2       | 1      | 3     | 1    | 2  | 5",
            "' A '    | 1    | 2    | a1,a2       | 1      | 2     | 1    | 2  | 3",
            "a        | 2    | 2    | a3          | 2      | 2     | 3    | 3  | 3",
            "b        | 1    | 100  | b1,b2       | 1      | 1     | 1    | 2  | 2",
            "zzz      | 1    | 2    | ''          | 1      | 1     | 0    | 0  | 0",
    })
    void pages(String filter, int page, int size, String names, int number, int pages, int from, int to, int total) {
        List<FleetRow> rows = FleetRow.sorted(java.util.stream.Stream.of("b2", "a3", "b1", "a1", "a2")
                .map(n -> FleetRow.of(entity(n, true, true, false), P100, null, null, false, 0)).toList(), "name", false);
        FleetRow.Page p = FleetRow.page(rows, filter, page, size);
        assertEquals(names.isEmpty() ? List.of() : List.of(names.split(",")), p.rows().stream().map(FleetRow::name).toList());
        assertEquals(List.of(number, pages, from, to, total), List.of(p.number(), p.pages(), p.from(), p.to(), p.total()));
        assertEquals(number > 1, p.hasPrevious());
        assertEquals(number < pages, p.hasNext());
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
