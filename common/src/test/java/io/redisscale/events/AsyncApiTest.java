package io.redisscale.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * asyncapi.yaml says what the services send: a channel per event topic of {@link Topics#EVENTS} with its
 * partitions and cleanup policy ({@link Topics#ALL}), its record's JSON Schema as the payload, the
 * schema-version header the outbox adds, a key, and who sends and reads it.
 */
class AsyncApiTest {
    static JsonNode doc;

    @BeforeAll
    static void read() throws Exception {
        try (InputStream in = AsyncApiTest.class.getResourceAsStream("/asyncapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void everyEventTopicIsAChannelWithItsSchemaVersionAndShape() throws Exception {
        assertEquals("3.0.0", doc.get("asyncapi").asText());
        Map<String, Topics.Spec> specs = new java.util.HashMap<>();
        Topics.ALL.forEach(s -> specs.put(s.name(), s));
        Set<String> addresses = new TreeSet<>();
        doc.get("channels").forEach(c -> addresses.add(c.get("address").asText()));
        assertEquals(new TreeSet<>(Topics.EVENTS.stream().map(Topics.Event::topic).toList()), addresses);
        for (Topics.Event event : Topics.EVENTS) {
            JsonNode channel = channel(event.topic());
            Topics.Spec spec = specs.get(event.topic());
            assertEquals(spec.partitions(), channel.at("/bindings/kafka/partitions").asInt(), event.topic());
            assertEquals(spec.compacted() ? "compact" : "delete", channel.at("/bindings/kafka/topicConfiguration/cleanup.policy/0").asText());
            JsonNode messages = channel.get("messages");
            assertEquals(1, messages.size(), event.topic());
            String ref = messages.elements().next().get("$ref").asText();
            JsonNode message = doc.at(ref.substring(1));
            assertFalse(message.isMissingNode(), ref);
            assertEquals(event.type().getSimpleName(), message.get("name").asText());
            assertEquals("./schemas/" + event.schema() + ".schema.json", message.at("/payload/schema/$ref").asText());
            assertEquals(String.valueOf(event.version()), message.at("/headers/properties/" + Topics.SCHEMA_VERSION_HEADER + "/const").asText());
            assertEquals("string", message.at("/bindings/kafka/key/type").asText());
            // The schema file exists, is the record's, and uses no keyword draft 7 lacks (the payload's schemaFormat).
            try (InputStream in = AsyncApiTest.class.getResourceAsStream("/schemas/" + event.schema() + ".schema.json")) {
                assertNotNull(in, event.schema());
                String text = new String(in.readAllBytes());
                JsonNode schema = new ObjectMapper().readTree(text);
                assertEquals(event.type().getSimpleName(), schema.get("title").asText());
                for (String newer : new String[] {"$defs", "prefixItems", "dependentRequired", "dependentSchemas", "unevaluatedProperties",
                        "unevaluatedItems", "$dynamicRef", "$anchor"}) {
                    assertFalse(text.contains("\"" + newer + "\""), event.schema() + " uses " + newer);
                }
            }
        }
    }

    @Test
    void everyChannelIsSentAndRead() {
        Set<String> sent = new HashSet<>();
        Set<String> read = new HashSet<>();
        doc.get("operations").forEach(op -> {
            String channel = op.at("/channel/$ref").asText();
            (op.get("action").asText().equals("send") ? sent : read).add(channel);
        });
        doc.get("channels").fieldNames().forEachRemaining(id -> {
            assertTrue(sent.contains("#/channels/" + id), id + " is sent");
            assertTrue(read.contains("#/channels/" + id), id + " is read");
        });
        assertTrue(doc.at("/info/description").asText().contains("at least once"));
    }

    private static JsonNode channel(String topic) {
        for (JsonNode c : doc.get("channels")) {
            if (c.get("address").asText().equals(topic)) {
                return c;
            }
        }
        throw new AssertionError("no channel for " + topic);
    }
}
