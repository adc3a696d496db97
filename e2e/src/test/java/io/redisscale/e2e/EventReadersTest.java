package io.redisscale.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.redisscale.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which service reads which topic is written three times: each service's incoming channels (what runs),
 * the AsyncAPI document's receive operations and the topic table of docs/events.md. The channels are the
 * truth; the two documents must say the same.
 */
class EventReadersTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern INCOMING = Pattern.compile("(?m)^mp\\.messaging\\.incoming\\.[\\w-]+\\.topic=(\\S+)$");

    /** Topic to the services (short names: collector, decision...) whose channels read it. */
    static Map<String, Set<String>> channels() throws Exception {
        Map<String, Set<String>> readers = new TreeMap<>();
        for (String service : TestServers.SERVICES) {
            Matcher m = INCOMING.matcher(Files.readString(ROOT.resolve(service + "-service/src/main/resources/application.properties")));
            while (m.find()) {
                readers.computeIfAbsent(m.group(1), t -> new TreeSet<>()).add(service);
            }
        }
        return readers;
    }

    @Test
    void theAsyncApiDocumentNamesEveryServiceThatReadsATopic() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("common/src/main/resources/asyncapi.yaml").toFile());
        Map<String, String> addresses = new TreeMap<>();
        doc.get("channels").fields().forEachRemaining(c -> addresses.put("#/channels/" + c.getKey(), c.getValue().get("address").asText()));
        Map<String, Set<String>> documented = new TreeMap<>();
        doc.get("operations").forEach(op -> {
            if (op.get("action").asText().equals("receive")) {
                String topic = addresses.get(op.at("/channel/$ref").asText());
                String names = op.get("summary").asText().replaceFirst("^read by ", "").replaceFirst(" \\(.*$", "");
                Arrays.stream(names.split(", ")).forEach(s -> documented.computeIfAbsent(topic, t -> new TreeSet<>())
                        .add(s.replaceFirst("-service$", "")));
            }
        });
        assertEquals(channels(), documented);
    }

    @Test
    void theEventsPageNamesEveryServiceThatReadsATopic() throws Exception {
        Map<String, Set<String>> documented = new TreeMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(autoscaler\\.[a-z-]+)` \\|[^|]*\\|[^|]*\\|[^|]*\\| ([a-z, ]+) \\|$")
                .matcher(Files.readString(ROOT.resolve("docs/events.md")));
        while (row.find()) {
            documented.put(row.group(1), new TreeSet<>(Arrays.asList(row.group(2).split(", "))));
        }
        Map<String, Set<String>> read = channels();
        assertEquals(Topics.EVENTS.size(), documented.size(), "a row per event topic: " + documented);
        assertEquals(read, documented);
    }
}
