package io.redisscale.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code ./autoscaler images}: Jib builds each service's image as an OCI archive without a Docker engine, here on the
 * base made from this machine's JDK (no registry is reachable). Each archive is read as a runtime would load it:
 * its index names the image, its config runs the service as user 1001 on port 8080 with deploy/Dockerfile's
 * entrypoint, and its layers hold what that entrypoint needs (a shell, java, the service, its SBOM).
 */
class ContainerImagesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("..");

    @BeforeAll
    static void build() throws Exception {
        // The services are as the suite built them: no build here (--no-build), only the archives.
        Process p = new ProcessBuilder("bash", "autoscaler", "images", "--local-base", "--no-build").directory(ROOT.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "images took over 10 minutes");
        assertEquals(0, p.exitValue(), out);
    }

    /** One image: its blobs by digest, as in the OCI image layout. */
    private record Image(Map<String, byte[]> blobs, JsonNode index) {
        JsonNode blob(String digest) throws IOException {
            return JSON.readTree(blobs.get(digest));
        }
    }

    private static Image load(Path archive) throws IOException {
        Map<String, byte[]> blobs = new HashMap<>();
        JsonNode index = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive))) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                if (e.getName().equals("index.json")) {
                    index = JSON.readTree(tar.readAllBytes());
                } else if (e.getName().startsWith("blobs/sha256/")) {
                    blobs.put("sha256:" + e.getName().substring("blobs/sha256/".length()), tar.readAllBytes());
                }
            }
        }
        return new Image(blobs, index);
    }

    /** Every path in the image's layers (files and links), with a link's target, the later layer winning. */
    private static Map<String, String> paths(Image image, JsonNode manifest) throws IOException {
        Map<String, String> paths = new HashMap<>();
        for (JsonNode layer : manifest.get("layers")) {
            byte[] blob = image.blobs().get(layer.get("digest").asText());
            InputStream in = new java.io.ByteArrayInputStream(blob);
            if (layer.get("mediaType").asText().endsWith("gzip")) {
                in = new GZIPInputStream(in);
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    String name = "/" + e.getName().replaceFirst("^\\./", "").replaceFirst("/$", "");
                    paths.put(name, e.isSymbolicLink() ? "-> " + e.getLinkName() : e.isDirectory() ? "dir" : "file");
                    if (name.equals("/etc/passwd")) {
                        paths.put("passwd", new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return paths;
    }

    @ParameterizedTest
    @ValueSource(strings = {"collector", "decision", "actuator", "notifier"})
    void theArchiveIsTheServicesImage(String service) throws IOException {
        Path archive = ROOT.resolve(service + "-service/target/image.tar");
        Image image = load(archive);
        assertEquals("application/vnd.oci.image.index.v1+json", image.index().get("mediaType").asText());
        JsonNode entry = image.index().get("manifests").get(0);
        String version = new String(Files.readAllBytes(ROOT.resolve("pom.xml")), StandardCharsets.UTF_8)
                .replaceFirst("(?s).*?<artifactId>autoscaler-parent</artifactId>\\s*<version>([^<]+)</version>.*", "$1");
        assertEquals("redisscale/" + service + ":" + version, entry.get("annotations").get("org.opencontainers.image.ref.name").asText(),
                "named as the Kubernetes and compose files expect");
        JsonNode manifest = image.blob(entry.get("digest").asText());
        JsonNode config = image.blob(manifest.get("config").get("digest").asText()).get("config");

        assertEquals("1001:1001", config.get("User").asText(), "not root");
        assertTrue(config.get("ExposedPorts").has("8080/tcp"), config.toString());
        assertEquals(List.of("sh", "-c", "exec java $JAVA_OPTS_APPEND -jar /app/quarkus-run.jar"),
                JSON.convertValue(config.get("Entrypoint"), List.class), "deploy/Dockerfile's entrypoint");
        assertTrue(config.get("Env").toString().contains("HTTP_HOST=0.0.0.0"), config.toString());

        Map<String, String> paths = paths(image, manifest);
        for (String needed : List.of("/app/quarkus-run.jar", "/app/sbom.json", "/app/lib/boot", "/app/lib/main", "/app/app",
                "/app/quarkus/quarkus-application.dat", "/opt/java/openjdk/bin/java", "/usr/bin/sh")) {
            assertTrue(paths.containsKey(needed), service + "'s image has " + needed);
        }
        assertTrue(paths.get("passwd").contains(":1001:"), "user 1001 exists: " + paths.get("passwd"));
        assertTrue(config.get("Env").toString().contains("PATH=/opt/java/openjdk/bin:"), "java is on the PATH");
        assertTrue(paths.keySet().stream().noneMatch(p -> p.startsWith("/jib")), "none of Jib's own Java layout");
        byte[] sbom = Files.readAllBytes(ROOT.resolve(service + "-service/target/sbom.json"));
        assertTrue(JSON.readTree(sbom).has("components"), "the service's CycloneDX SBOM");
    }
}
