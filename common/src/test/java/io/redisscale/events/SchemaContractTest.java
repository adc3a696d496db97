package io.redisscale.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schemas and the records say the same: the same fields, the same description of
 * each (the record's {@code @JsonPropertyDescription}), the same enum values; and real serialized events
 * pass their schema, checked by a JSON Schema validator.
 */
class SchemaContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-26T09:30:00Z");
    private static final UUID ID = UUID.fromString("6a3c2f0e-4b1d-4c9a-9a8e-1f2b3c4d5e6f");
    private static final Plan PLAN = new Plan("rediscloud:100", "rediscloud", 100_000_000L, 256, 10);

    /** One real event of each kind, as the services build them. */
    static Stream<Arguments> events() {
        DecisionInputs inputs = new DecisionInputs(60, 3, 92_000_000L, 20, 92.0, 7.8, 80, 80);
        return Stream.of(
                Arguments.of("plan", PLAN),
                Arguments.of("instance-config", InstanceConfig.defaults().id(ID).name("orders").plan("rediscloud:100")
                        .redisUrl("redis://127.0.0.1:6379").minPlan("rediscloud:30").maxPlan("rediscloud:1000")
                        .recipients(List.of("ops@example.com")).updatedAt(AT).schedule(new PlanSchedule("Europe/Berlin", List.of(
                                new PlanSchedule.Range("office", List.of("MON", "FRI"), null, "08:00", "18:00", null, null, "rediscloud:250", null),
                                new PlanSchedule.Range("batch", null, null, null, null, "0 2 * * *", 90, "rediscloud:1000", null),
                                new PlanSchedule.Range(null, null, "2026-12-24", "00:00", "23:59", null, null, null, "rediscloud:100"))))
                        .build()),
                Arguments.of("metric-sample", new MetricSample(UUID.randomUUID(), ID, AT, MetricSample.Status.ok, null,
                        92_000_000L, 20, "rediscloud:100", 100_000_000L, 256, null, null, null, null)),
                Arguments.of("scale-command", new ScaleCommand(UUID.randomUUID(), ID, "rediscloud:100", "rediscloud:250",
                        ScaleCommand.Direction.up, ReasonCode.sustained_breach, "memory 92% of rediscloud:100", inputs,
                        new Plan("rediscloud:250", "rediscloud", 250_000_000L, 256, 25), AT)),
                Arguments.of("scale-outcome", new ScaleOutcome(UUID.randomUUID(), UUID.randomUUID(), ID,
                        ScaleOutcome.Status.skipped, ScaleOutcome.SkipReason.dry_run, "rediscloud:100", "rediscloud:250",
                        "memory 92%", AT, AT.plusSeconds(1), 0, "dry run", new Availability(94, 3, 3.0, 2.0,
                        Map.of("refused", 2, "timeout", 1), 0.8, 3.1, 12.5, false, true))),
                Arguments.of("alert", new Alert(UUID.randomUUID(), ID, Alert.Kind.would_scale, "rediscloud:100",
                        "orders: would move", AT)),
                Arguments.of("savings-report", new SavingsReport(UUID.randomUUID(), "2026-10", AT, AT.plusSeconds(86400 * 31),
                        12.5, 25, 12.5, List.of(new SavingsReport.Line(ID, "orders", 12.5, "rediscloud:250", 25, 12.5,
                        "rediscloud:100", 10.0)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void schemaDescribesTheRecord(String schema, Object event) throws Exception {
        JsonNode root = schemaJson(schema);
        Map<String, String> inSchema = new TreeMap<>();
        root.get("properties").fields().forEachRemaining(f -> inSchema.put(f.getKey(), f.getValue().path("description").asText()));
        Map<String, String> fromRecord = new TreeMap<>();
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            JsonPropertyDescription d = c.getAccessor().getAnnotation(JsonPropertyDescription.class);
            fromRecord.put(wireName(c), d == null ? "" : d.value());
        }
        assertEquals(fromRecord, inSchema, "fields and their descriptions");
        Set<String> names = fromRecord.keySet();
        root.get("required").forEach(r -> assertTrue(names.contains(r.asText()), "required " + r.asText()));
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            if (c.getType().isEnum()) {
                Set<String> values = Arrays.stream(c.getType().getEnumConstants()).map(Object::toString)
                        .filter(v -> !v.equals("other")) // what an unknown code reads as: never sent, so not in the contract
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<String> listed = new TreeSet<>();
                root.get("properties").get(wireName(c)).get("enum").forEach(v -> listed.add(v.asText()));
                assertEquals(values, listed, "enum of " + wireName(c));
            }
        }
    }

    /** A nested shape (the instance's schedule) is described in its schema's definitions as in its records. */
    @Test
    void nestedShapesAreDescribedAsTheirRecords() throws Exception {
        for (Class<?> type : List.of(PlanSchedule.class, PlanSchedule.Range.class, Availability.class)) {
            JsonNode defs = schemaJson(type == Availability.class ? "scale-outcome" : "instance-config").get("definitions");
            Map<String, String> inSchema = new TreeMap<>();
            defs.get(type.getSimpleName()).get("properties").fields()
                    .forEachRemaining(f -> inSchema.put(f.getKey(), f.getValue().path("description").asText()));
            Map<String, String> fromRecord = new TreeMap<>();
            for (RecordComponent c : type.getRecordComponents()) {
                fromRecord.put(wireName(c), c.getAccessor().getAnnotation(JsonPropertyDescription.class).value());
            }
            assertEquals(fromRecord, inSchema, type.getSimpleName());
        }
    }

    @Test
    void theSchemaRefusesARangeWithoutWhenOrBound() throws Exception {
        ObjectNode config = (ObjectNode) JSON.readTree(Events.write(events().filter(a -> a.get()[0].equals("instance-config"))
                .findFirst().orElseThrow().get()[1]));
        ObjectNode range = (ObjectNode) config.get("schedule").get("ranges").get(0);
        range.remove("minPlan");
        range.remove("days");
        range.put("from", "8:00");
        String all = validator("instance-config").validate(config).toString();
        assertTrue(all.contains("minPlan") && all.contains("from"), all);
    }

    /** A newer producer's event: a field this release does not know, and every code one it does not know. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void aNewerReleasesFieldsAndCodesAreReadNotRefused(String schema, Object event) throws Exception {
        ObjectNode newer = (ObjectNode) JSON.readTree(Events.write(event));
        newer.put("addedByANewerRelease", "anything");
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            if (c.getType().isEnum()) {
                newer.put(wireName(c), "a_code_of_a_newer_release");
            }
        }
        Object read = Events.read(newer.toString(), event.getClass());
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            Object value = c.getAccessor().invoke(read);
            if (c.getType().isEnum()) {
                assertEquals("other", value.toString(), wireName(c));
            } else {
                assertEquals(c.getAccessor().invoke(event), value, wireName(c));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void serializedEventsPassTheirSchema(String schema, Object event) throws Exception {
        JsonSchema validator = validator(schema);
        Set<ValidationMessage> errors = validator.validate(JSON.readTree(Events.write(event)));
        assertTrue(errors.isEmpty(), () -> schema + ": " + errors);
    }

    @Test
    void theValidatorRefusesABrokenEvent() throws Exception {
        ObjectNode outcome = (ObjectNode) JSON.readTree(Events.write(events().filter(a -> a.get()[0].equals("scale-outcome"))
                .findFirst().orElseThrow().get()[1]));
        outcome.put("skipReason", "bored");
        outcome.remove("commandId");
        Set<ValidationMessage> errors = validator("scale-outcome").validate(outcome);
        assertFalse(errors.isEmpty());
        String all = errors.toString();
        assertTrue(all.contains("skipReason") && all.contains("commandId"), all);
    }

    private static String wireName(RecordComponent c) {
        com.fasterxml.jackson.annotation.JsonProperty p = c.getAccessor().getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
        return p != null ? p.value() : c.getName();
    }

    private static JsonNode schemaJson(String schema) throws Exception {
        try (InputStream in = SchemaContractTest.class.getResourceAsStream("/schemas/" + schema + ".schema.json")) {
            return JSON.readTree(in);
        }
    }

    private static JsonSchema validator(String schema) throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson(schema));
    }
}
