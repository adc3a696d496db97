package io.redisscale.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each service's CycloneDX SBOM (target/sbom.json, copied into its image by deploy/Dockerfile) names every jar the
 * packaged service runs on: each file of quarkus-app/lib is one of its components, by group, name and version.
 */
class SbomTest {
    @ParameterizedTest
    @ValueSource(strings = {"collector", "decision", "actuator", "notifier"})
    void theSbomNamesEveryJarTheServiceShips(String service) throws Exception {
        Path target = Path.of(System.getProperty("services.dir", ".."), service + "-service", "target");
        // cyclonedx-maven-plugin's makeBom runs online only: an offline build skips it (and says so).
        assertTrue(Files.exists(target.resolve("sbom.json")), service + ": no target/sbom.json; build online (mvn without -o)");
        JsonNode bom = new ObjectMapper().readTree(target.resolve("sbom.json").toFile());
        assertEquals("CycloneDX", bom.path("bomFormat").asText());
        assertEquals(service + "-service", bom.path("metadata").path("component").path("name").asText());
        Set<String> components = new HashSet<>();
        for (JsonNode c : bom.path("components")) {
            // Quarkus names a jar group.artifact-version[-classifier].jar.
            String jar = c.path("group").asText() + "." + c.path("name").asText() + "-" + c.path("version").asText();
            components.add(jar);
            String purl = c.path("purl").asText();
            int classifier = purl.indexOf("classifier=");
            if (classifier >= 0) {
                components.add(jar + "-" + purl.substring(classifier + "classifier=".length()).replaceAll("[&#].*", ""));
            }
        }
        Set<String> missing = new TreeSet<>();
        try (var jars = Files.walk(target.resolve("quarkus-app/lib"))) {
            jars.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar"))
                    .map(n -> n.substring(0, n.length() - ".jar".length())).filter(n -> !components.contains(n)).forEach(missing::add);
        }
        assertTrue(missing.isEmpty(), service + ": jars the SBOM does not name: " + missing);
        assertTrue(components.size() > 100, service + ": " + components.size() + " components");
    }
}
