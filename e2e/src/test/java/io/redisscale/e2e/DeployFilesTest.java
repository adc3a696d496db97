package io.redisscale.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, checked without a Docker engine: Debian's docker-compose validates and resolves it
 * ({@code docker-compose config}), and the resolved file is held to the services: every variable it sets
 * is one the service reads, health checks ask each service's readiness on the port it is told to use,
 * start-up waits for healthy dependencies, and only the collector (API and dashboard) is published.
 */
class DeployFilesTest {
    static final List<String> SERVICES = List.of("collector", "decision", "actuator", "notifier");

    /** Heroku Postgres essential-0 allows 20 connections in all, for every service and an operator's psql. */
    static final int SMALLEST_DATABASE_CONNECTIONS = 20;

    @Test
    void theServicesPoolsFitTheSmallestDatabaseTogether() throws Exception {
        int total = 0;
        for (String name : SERVICES) {
            String properties = Files.readString(Path.of("..", name + "-service", "src", "main", "resources", "application.properties"));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^quarkus\\.datasource\\.jdbc\\.max-size=\\$\\{DB_POOL_MAX:(\\d+)}$")
                    .matcher(properties);
            assertTrue(m.find(), name + " sizes its pool (DB_POOL_MAX)");
            total += Integer.parseInt(m.group(1));
        }
        assertTrue(total < SMALLEST_DATABASE_CONNECTIONS, total + " connections, one left for an operator");
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeFileIsValidAndEveryVariableIsOneTheServiceReads() throws Exception {
        // The two secrets the file requires, as a user's .env would give them.
        Map<String, String> env = Map.of("AUTOSCALER_SECRET_KEY", "compose-check-key", "AUTOSCALER_API_TOKENS", "compose-check-token");
        ProcessBuilder pb = new ProcessBuilder("docker-compose", "-f", "../docker-compose.yml", "config");
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).start();
        String resolved = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "docker-compose config:\n" + resolved);

        Map<String, Object> compose = new Yaml().load(resolved);
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        assertEquals(new TreeSet<>(List.of("collector", "decision", "actuator", "notifier", "kafka", "postgres")),
                new TreeSet<>(services.keySet()), "no unused services");
        for (Map.Entry<String, Map<String, Object>> e : services.entrySet()) {
            Map<String, Object> s = e.getValue();
            assertTrue(s.containsKey("healthcheck"), e.getKey() + " has a health check");
            assertEquals("unless-stopped", s.get("restart"), e.getKey() + " restarts");
            assertEquals(e.getKey().equals("collector"), s.containsKey("ports"), e.getKey() + ": only the collector is published");
            assertNotNull(s.get("mem_limit"), e.getKey() + " has a memory limit");
            assertTrue(!s.containsKey("image") || String.valueOf(s.get("image")).matches(".+:\\d+\\.\\d+(\\.\\d+)?"),
                    e.getKey() + ": an image pinned to a version, not a moving tag: " + s.get("image"));
        }
        // Kafka keeps its log in a declared named volume, so topics and offsets outlive a recreated container.
        Map<String, Object> kafka = services.get("kafka");
        String logDirs = String.valueOf(((Map<String, Object>) kafka.get("environment")).get("KAFKA_LOG_DIRS"));
        Map<String, Object> declared = (Map<String, Object>) compose.get("volumes");
        // docker-compose v1 prints a mount as "source:target:mode", v2 as {type, source, target}.
        boolean kept = ((List<Object>) kafka.get("volumes")).stream()
                .map(v -> v instanceof Map<?, ?> m ? new String[] {String.valueOf(m.get("source")), String.valueOf(m.get("target"))}
                        : String.valueOf(v).split(":"))
                .anyMatch(v -> declared.containsKey(v[0]) && (logDirs + "/").startsWith(v[1] + "/"));
        assertTrue(kept, "KAFKA_LOG_DIRS " + logDirs + " lies in a declared volume: " + kafka.get("volumes"));
        for (String name : SERVICES) {
            Map<String, Object> s = services.get(name);
            Map<String, Object> environment = (Map<String, Object>) s.get("environment");
            Set<String> reads = ServiceVariables.of(name);
            Set<String> unread = new TreeSet<>();
            environment.keySet().stream().filter(v -> !ServiceVariables.reads(reads, v)).forEach(unread::add);
            assertEquals(Set.of(), unread, name + " sets variables the service does not read");
            Object port = environment.get(name.toUpperCase() + "_PORT");
            assertTrue(String.valueOf(((Map<String, Object>) s.get("healthcheck")).get("test"))
                    .contains("http://127.0.0.1:" + port + "/q/health/ready"), name + " health check on its port " + port);
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) s.get("depends_on");
            for (String dependency : List.of("kafka", "postgres")) {
                assertEquals("service_healthy", dependsOn.get(dependency).get("condition"), name + " waits for " + dependency);
            }
            Map<String, Object> build = (Map<String, Object>) s.get("build");
            assertTrue(Files.exists(Path.of("..").resolve(String.valueOf(build.get("dockerfile")))), name + "'s Dockerfile");
            assertEquals(name, ((Map<String, Object>) build.get("args")).get("SERVICE"));
        }
        // Prometheus scrapes each service where the compose file serves it.
        Map<String, Object> prometheus = new Yaml().load(Files.readString(Path.of("..", "deploy", "monitoring", "prometheus.yml")));
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");
        Set<String> targets = new TreeSet<>();
        jobs.forEach(j -> ((List<Map<String, Object>>) j.get("static_configs")).forEach(c -> targets.addAll((List<String>) c.get("targets"))));
        Set<String> served = new TreeSet<>();
        for (String name : SERVICES) {
            served.add(name + ":" + ((Map<String, Object>) services.get(name).get("environment")).get(name.toUpperCase() + "_PORT"));
        }
        assertEquals(served, targets, "prometheus.yml scrapes the services where compose serves them");
        // The secrets and the Heroku key reach the services that use them.
        assertTrue(((Map<String, Object>) services.get("collector").get("environment")).containsKey("HEROKU_API_KEY"));
        assertTrue(((Map<String, Object>) services.get("actuator").get("environment")).containsKey("HEROKU_API_KEY"));
        assertTrue(((Map<String, Object>) services.get("notifier").get("environment")).containsKey("WEBHOOK_URL"));
    }

    /**
     * app.json and the Procfile (Heroku): a web process for the collector and a worker per other service,
     * each the service's packaged jar; a release command that exists; the formation names the Procfile's
     * processes; both add-ons; generated secrets; every config var one a service (or the buildpack) reads.
     */
    @Test
    void herokuAppAndProcfileMatchTheServices() throws Exception {
        Map<String, String> processes = new java.util.LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("../Procfile"))) {
            if (!line.isBlank()) {
                processes.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).strip());
            }
        }
        Map<String, String> serviceOf = Map.of("web", "collector", "decision", "decision", "actuator", "actuator", "notifier", "notifier");
        serviceOf.forEach((process, service) -> assertTrue(processes.get(process).endsWith("-jar " + service
                + "-service/target/quarkus-app/quarkus-run.jar"), process + ": " + processes.get(process)));
        Path release = Path.of("..", processes.get("release"));
        assertTrue(Files.isExecutable(release), "release command " + release);
        for (String service : SERVICES) {
            assertTrue(Files.readString(release).contains(service), "the release phase migrates " + service);
        }

        com.fasterxml.jackson.databind.JsonNode app = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Path.of("../app.json").toFile());
        // After the button's deploy, Heroku opens the dashboard; the stack is one Heroku supports.
        assertEquals("/ui", app.path("success_url").asText());
        assertTrue(app.path("stack").asText().matches("heroku-2[24]"), app.path("stack").asText());
        Set<String> formation = new TreeSet<>();
        app.get("formation").fieldNames().forEachRemaining(formation::add);
        Set<String> running = new TreeSet<>(processes.keySet());
        running.remove("release");
        assertEquals(running, formation);
        Set<String> addons = new TreeSet<>();
        app.get("addons").forEach(a -> addons.add(a.get("plan").asText().split(":")[0]));
        assertEquals(Set.of("heroku-postgresql", "heroku-kafka"), addons);
        for (String secret : List.of("AUTOSCALER_API_TOKENS", "AUTOSCALER_SECRET_KEY")) {
            assertEquals("secret", app.get("env").get(secret).get("generator").asText(), secret + " is generated");
        }
        Set<String> read = new java.util.HashSet<>(Set.of("MAVEN_CUSTOM_OPTS")); // the Java buildpack's
        for (String service : SERVICES) {
            read.addAll(ServiceVariables.of(service));
        }
        Set<String> unread = new TreeSet<>();
        app.get("env").fieldNames().forEachRemaining(v -> {
            if (!ServiceVariables.reads(read, v)) {
                unread.add(v);
            }
            assertTrue(app.get("env").get(v).hasNonNull("description"), v + " has a description");
        });
        assertEquals(Set.of(), unread, "app.json sets variables no service reads");
        assertTrue(app.get("env").get("MAVEN_CUSTOM_OPTS").get("value").asText().contains("-DskipTests"));
        // The slug holds the services' common jars once: the profile that links them runs in the last service built.
        assertTrue(app.get("env").get("MAVEN_CUSTOM_OPTS").get("value").asText().contains("-Pheroku-slug"));
        String notifierPom = Files.readString(Path.of("../notifier-service/pom.xml"));
        assertTrue(notifierPom.contains("<id>heroku-slug</id>") && notifierPom.contains("deploy/heroku/share-jars.sh"));
        String modules = Files.readString(Path.of("../pom.xml"));
        assertTrue(modules.indexOf("<module>notifier-service</module>") > modules.indexOf("<module>actuator-service</module>")
                && modules.indexOf("<module>actuator-service</module>") > modules.indexOf("<module>decision-service</module>")
                && modules.indexOf("<module>decision-service</module>") > modules.indexOf("<module>collector-service</module>"),
                "the notifier is the last service the reactor builds");
    }

    /**
     * share-jars.sh (Heroku's build): a jar byte for byte the collector's becomes a relative link to it, one that
     * differs or is the service's own stays; twice changes nothing; a service not built stops it.
     */
    @Test
    void sharedJarsBecomeLinksToTheCollectorsOnlyWhenIdentical(@org.junit.jupiter.api.io.TempDir Path root) throws Exception {
        for (String s : SERVICES) {
            Path lib = Files.createDirectories(root.resolve(s + "-service/target/quarkus-app/lib/main"));
            Files.writeString(lib.resolve("shared.jar"), "the same bytes");
            Files.writeString(lib.resolve("version.jar"), s.equals("collector") ? "1.0" : "2.0");
            Files.writeString(lib.resolve(s + ".jar"), s);
        }
        Path decision = root.resolve("decision-service/target/quarkus-app/lib/main");
        for (int run = 0; run < 2; run++) {
            Process p = new ProcessBuilder("bash", "../deploy/heroku/share-jars.sh", root.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), out);
            assertTrue(out.contains((run == 0 ? 3 : 0) + " jars now links"), out);
        }
        assertTrue(Files.isSymbolicLink(decision.resolve("shared.jar")));
        assertEquals("the same bytes", Files.readString(decision.resolve("shared.jar")));
        assertTrue(!Files.isSymbolicLink(decision.resolve("version.jar")) && !Files.isSymbolicLink(decision.resolve("decision.jar")));
        assertTrue(!Files.isSymbolicLink(root.resolve("collector-service/target/quarkus-app/lib/main/shared.jar")));
        try (var files = Files.walk(root.resolve("notifier-service"))) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        Process missing = new ProcessBuilder("bash", "../deploy/heroku/share-jars.sh", root.toString()).redirectErrorStream(true).start();
        String out = new String(missing.getInputStream().readAllBytes());
        assertTrue(missing.waitFor() != 0 && out.contains("notifier-service/target/quarkus-app is not built"), out);
    }

    @Test
    void dockerBuildContextKeepsTheSealingKeyAndBuildOutputOut() throws Exception {
        List<String> ignored = Files.readAllLines(Path.of("../.dockerignore")).stream().map(String::strip).toList();
        assertTrue(ignored.contains(".autoscaler/"), ".autoscaler/ holds the sealing key");
        assertTrue(ignored.contains("**/target/"));
        String dockerfile = Files.readString(Path.of("../deploy/Dockerfile"));
        assertTrue(dockerfile.contains(" AS build") && dockerfile.contains("mvn "), "built from source in the image build");
        assertTrue(dockerfile.contains("USER 1001"), "runs as a non-root user");
    }
}
