package io.redisscale.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The published JSON Schemas name exactly the fields the records put on the wire. */
class SchemaContractTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "plan, io.redisscale.events.Plan",
            "instance-config, io.redisscale.events.InstanceConfig",
            "metric-sample, io.redisscale.events.MetricSample",
            "scale-command, io.redisscale.events.ScaleCommand",
            "scale-outcome, io.redisscale.events.ScaleOutcome",
            "alert, io.redisscale.events.Alert",
    })
    void schemaMatchesRecord(String schema, Class<?> record) throws Exception {
        JsonNode root;
        try (InputStream in = getClass().getResourceAsStream("/schemas/" + schema + ".schema.json")) {
            root = new ObjectMapper().readTree(in);
        }
        Set<String> inSchema = new TreeSet<>();
        root.get("properties").fieldNames().forEachRemaining(inSchema::add);
        Set<String> fromRecord = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                .map(n -> n.equals("notifications") ? "notify" : n).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(fromRecord, inSchema);
        root.get("required").forEach(r -> assertEquals(true, fromRecord.contains(r.asText()), "required " + r.asText()));
    }
}
