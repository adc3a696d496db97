package io.redisscale.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.redisscale.events.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/kubernetes/base, read into fabric8's typed Kubernetes model (no cluster here) and held to the
 * services: every variable a container sets is one its service reads, the port it is told to use is the
 * container's, the probes ask the services' health paths, requests and limits are set, secrets and
 * config come from the generated objects, Services, budgets and the ServiceMonitor select real pods, and
 * the Strimzi topics are the system's topics with their partitions and compaction.
 */
class KubernetesManifestsTest {
    static final Path BASE = Path.of("../deploy/kubernetes/base");
    static final List<HasMetadata> RESOURCES = new ArrayList<>();
    static Map<String, Object> kustomization;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        kustomization = new Yaml().load(Files.readString(BASE.resolve("kustomization.yaml")));
        KubernetesSerialization serialization = new KubernetesSerialization();
        for (String file : (List<String>) kustomization.get("resources")) {
            for (String doc : Files.readString(BASE.resolve(file)).split("(?m)^---\\s*$")) {
                if (!doc.replaceAll("(?m)^\\s*#.*$", "").isBlank()) {
                    RESOURCES.add(serialization.unmarshal(doc, HasMetadata.class));
                }
            }
        }
    }

    private static <T extends HasMetadata> List<T> all(Class<T> type) {
        return RESOURCES.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    @Test
    void everyFileOfTheBaseIsListedAndTyped() throws IOException {
        Set<String> listed = new TreeSet<>((List<String>) kustomization.get("resources"));
        Set<String> present = new TreeSet<>();
        try (var files = Files.list(BASE)) {
            files.map(f -> f.getFileName().toString())
                    // instances.yaml is data (a ConfigMap's file), not a resource.
                    .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml") && !f.equals("kustomizeconfig.yaml")
                            && !f.equals("instances.yaml"))
                    .forEach(present::add);
        }
        assertEquals(present, listed);
        assertEquals(4, all(Deployment.class).size());
        assertEquals(4, all(Service.class).size());
        assertEquals(4, all(PodDisruptionBudget.class).size());
        assertEquals(1, custom("ServiceMonitor").size());
        assertEquals(1, custom("PrometheusRule").size());
    }

    /** The PrometheusRule carries the very rules of deploy/monitoring/prometheus-rules.yml; the dashboard ships as a ConfigMap. */
    @Test
    @SuppressWarnings("unchecked")
    void alertsShipAsAPrometheusRuleAndTheDashboardAsAConfigMap() throws IOException {
        Map<String, Object> spec = (Map<String, Object>) custom("PrometheusRule").get(0).getAdditionalProperties().get("spec");
        Map<String, Object> rules = new Yaml().load(Files.readString(Path.of("../deploy/monitoring/prometheus-rules.yml")));
        assertEquals(rules.get("groups"), spec.get("groups"), "the same groups, rules and expressions");
        Map<String, Object> dashboard = ((List<Map<String, Object>>) kustomization.get("configMapGenerator")).stream()
                .filter(g -> "autoscaler-grafana-dashboard".equals(g.get("name"))).findFirst().orElseThrow();
        assertEquals("1", ((Map<String, Object>) ((Map<String, Object>) dashboard.get("options")).get("labels")).get("grafana_dashboard"));
        assertEquals(Files.readString(BASE.resolve("grafana-dashboard.json")),
                Files.readString(Path.of("../deploy/monitoring/grafana-dashboard.json")), "one dashboard, in both places");
    }

    /** Every workload is under an ingress and an egress NetworkPolicy; only the collector takes traffic from anywhere. */
    @Test
    void networkPoliciesCoverEveryWorkload() {
        List<io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy> policies =
                all(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class);
        for (Deployment d : all(Deployment.class)) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            for (String type : List.of("Ingress", "Egress")) {
                assertTrue(policies.stream().anyMatch(p -> p.getSpec().getPolicyTypes().contains(type) && selects(p, labels)),
                        d.getMetadata().getName() + " has an " + type + " policy");
            }
            boolean open = policies.stream().anyMatch(p -> selects(p, labels) && p.getSpec().getIngress() != null
                    && p.getSpec().getIngress().stream().anyMatch(r -> r.getFrom() == null || r.getFrom().isEmpty()));
            assertEquals("collector".equals(d.getMetadata().getName()), open, d.getMetadata().getName() + " open to anyone");
        }
    }

    private static boolean selects(io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy p, Map<String, String> labels) {
        var selector = p.getSpec().getPodSelector();
        boolean byLabels = selector.getMatchLabels() == null || labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
        boolean byExpressions = selector.getMatchExpressions() == null || selector.getMatchExpressions().stream()
                .allMatch(e -> "In".equals(e.getOperator()) && e.getValues().contains(labels.get(e.getKey())));
        return byLabels && byExpressions;
    }

    /**
     * Every workload meets the restricted Pod Security standard (kubernetes.io/docs/concepts/security/pod-security-standards):
     * non-root, the runtime's seccomp profile, no privilege escalation, every capability dropped, no host namespaces
     * or paths; and, beyond it, a read-only root file system with /tmp in an emptyDir, and a startup probe.
     */
    @Test
    void everyWorkloadMeetsTheRestrictedPodSecurityStandard() {
        for (Deployment d : all(Deployment.class)) {
            String name = d.getMetadata().getName();
            var pod = d.getSpec().getTemplate().getSpec();
            assertTrue(Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot()), name + ": runAsNonRoot");
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType(), name + ": seccomp");
            assertTrue(pod.getHostNetwork() == null || !pod.getHostNetwork(), name + ": no host network");
            assertTrue(pod.getHostPID() == null || !pod.getHostPID(), name + ": no host PID");
            assertTrue(pod.getVolumes().stream().allMatch(v -> v.getHostPath() == null), name + ": no host path");
            List<Container> containers = new ArrayList<>(pod.getContainers());
            if (pod.getInitContainers() != null) {
                containers.addAll(pod.getInitContainers());
            }
            for (Container c : containers) {
                var sc = c.getSecurityContext();
                assertNotNull(sc, name + "/" + c.getName() + ": a securityContext");
                assertEquals(Boolean.FALSE, sc.getAllowPrivilegeEscalation(), name + ": allowPrivilegeEscalation false");
                assertTrue(sc.getPrivileged() == null || !sc.getPrivileged(), name + ": not privileged");
                assertEquals(List.of("ALL"), sc.getCapabilities().getDrop(), name + ": drops every capability");
                assertTrue(sc.getCapabilities().getAdd() == null || sc.getCapabilities().getAdd().isEmpty(), name + ": adds none");
                assertEquals(Boolean.TRUE, sc.getReadOnlyRootFilesystem(), name + ": a read-only root");
                String tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
                        .orElseThrow(() -> new AssertionError(name + ": /tmp is mounted")).getName();
                assertTrue(pod.getVolumes().stream().anyMatch(v -> v.getName().equals(tmp) && v.getEmptyDir() != null), name + ": /tmp is an emptyDir");
                assertEquals(TestServers.STARTED_PATH, c.getStartupProbe().getHttpGet().getPath(), name + ": a startup probe");
                assertTrue(c.getLivenessProbe().getInitialDelaySeconds() == null, name + ": liveness waits for the startup probe, not a delay");
            }
        }
    }

    @Test
    void deploymentsMatchTheServices() throws IOException {
        Set<String> secretKeys = keys("secrets.env.example");
        Set<String> configKeys = keys("config.env");
        for (String name : DeployFilesTest.SERVICES) {
            Deployment d = all(Deployment.class).stream().filter(x -> x.getMetadata().getName().equals(name)).findFirst().orElseThrow();
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            Set<String> reads = ServiceVariables.of(name);
            Set<String> set = new TreeSet<>();
            for (var from : c.getEnvFrom()) { // each generated ConfigMap it reads whole
                if (from.getConfigMapRef() == null) {
                    continue; // the instances file's Secret: its keys are the file's ${VARIABLE}s, not settings
                }
                set.addAll(from.getConfigMapRef().getName().equals("autoscaler-config") ? configKeys : keys(generatorEnvFile(from.getConfigMapRef().getName())));
            }
            c.getEnv().forEach(e -> set.add(e.getName()));
            Set<String> unread = new TreeSet<>();
            set.stream().filter(v -> !ServiceVariables.reads(reads, v)).forEach(unread::add);
            assertEquals(Set.of(), unread, name + " is given variables it does not read");
            // The port the service is told to listen on is the container's "http" port, which the probes use.
            EnvVar port = c.getEnv().stream().filter(e -> e.getName().equals(name.toUpperCase() + "_PORT")).findFirst().orElseThrow();
            ContainerPort http = c.getPorts().stream().filter(p -> "http".equals(p.getName())).findFirst().orElseThrow();
            assertEquals(port.getValue(), String.valueOf(http.getContainerPort()), name);
            assertEquals(TestServers.READY_PATH, c.getReadinessProbe().getHttpGet().getPath());
            assertEquals("http", c.getReadinessProbe().getHttpGet().getPort().getStrVal());
            assertEquals(TestServers.LIVE_PATH, c.getLivenessProbe().getHttpGet().getPath());
            assertNotNull(c.getResources().getRequests().get("cpu"), name + " requests cpu");
            assertNotNull(c.getResources().getRequests().get("memory"), name + " requests memory");
            assertNotNull(c.getResources().getLimits().get("memory"), name + " limits memory");
            assertEquals("redisscale/" + name, c.getImage().substring(0, c.getImage().indexOf(':')));
            c.getEnv().stream().filter(e -> e.getValueFrom() != null).forEach(e -> {
                assertEquals("autoscaler-secrets", e.getValueFrom().getSecretKeyRef().getName());
                assertTrue(secretKeys.contains(e.getValueFrom().getSecretKeyRef().getKey()), e.getName());
            });
            assertTrue(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot());
            // Its Service and budget select its pods.
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            Service s = all(Service.class).stream().filter(x -> x.getMetadata().getName().equals(name)).findFirst().orElseThrow();
            assertTrue(labels.entrySet().containsAll(s.getSpec().getSelector().entrySet()), name + "'s Service");
            assertEquals("http", s.getSpec().getPorts().get(0).getTargetPort().getStrVal());
            assertTrue(all(PodDisruptionBudget.class).stream().anyMatch(b ->
                    labels.entrySet().containsAll(b.getSpec().getSelector().getMatchLabels().entrySet())), name + "'s budget");
        }
        // A deploy never runs two actuators at once (the leases hold anyway: defence in depth).
        Deployment actuator = all(Deployment.class).stream().filter(x -> x.getMetadata().getName().equals("actuator")).findFirst().orElseThrow();
        assertEquals("Recreate", actuator.getSpec().getStrategy().getType());
        // The secrets every service needs are in the example, and the collector reaches its peers by their Services.
        assertTrue(secretKeys.containsAll(Set.of("AUTOSCALER_SECRET_KEY", "AUTOSCALER_API_TOKENS", "HEROKU_API_KEY", "EMAIL_HOST_PASSWORD")));
        Container collector = all(Deployment.class).stream().filter(x -> x.getMetadata().getName().equals("collector")).findFirst()
                .orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
        for (String peer : List.of("decision", "actuator", "notifier")) {
            assertTrue(collector.getEnv().stream().anyMatch(e -> e.getName().equals(peer.toUpperCase() + "_URL")
                    && e.getValue().equals("http://" + peer + ":8080")), peer);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void serviceMonitorScrapesTheMetricsWithAToken() throws IOException {
        GenericKubernetesResource monitor = custom("ServiceMonitor").get(0);
        Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
        Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
        all(Service.class).forEach(s -> assertTrue(s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()),
                s.getMetadata().getName() + " is scraped"));
        Map<String, Object> endpoint = ((List<Map<String, Object>>) spec.get("endpoints")).get(0);
        assertEquals("/q/metrics", endpoint.get("path"));
        assertEquals("http", endpoint.get("port"));
        Map<String, Object> credentials = (Map<String, Object>) ((Map<String, Object>) endpoint.get("authorization")).get("credentials");
        assertTrue(keys("secrets.env.example").contains(String.valueOf(credentials.get("key"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void strimziTopicsAreTheSystemsTopics() throws IOException {
        Map<String, Map<String, Object>> topics = new HashMap<>();
        custom("KafkaTopic").forEach(t -> {
            Map<String, Object> spec = (Map<String, Object>) t.getAdditionalProperties().get("spec");
            topics.put(String.valueOf(spec.get("topicName")), spec);
        });
        assertEquals(new TreeSet<>(Topics.everyTopic().stream().map(Topics.Spec::name).toList()), new TreeSet<>(topics.keySet()));
        for (Topics.Spec t : Topics.everyTopic()) {
            Map<String, Object> spec = topics.get(t.name());
            assertTrue(((Number) spec.get("partitions")).intValue() >= t.partitions(), t.name());
            assertEquals(t.compacted() ? "compact" : "delete", ((Map<String, Object>) spec.get("config")).get("cleanup.policy"), t.name());
        }
        // The decision replicas' consumers (3 each) all get a partition of the samples.
        int decisionReplicas = all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("decision")).findFirst()
                .orElseThrow().getSpec().getReplicas();
        assertTrue(((Number) topics.get(Topics.METRICS).get("partitions")).intValue() >= decisionReplicas * 3);
        int collectorReplicas = all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("collector")).findFirst()
                .orElseThrow().getSpec().getReplicas();
        assertTrue(((Number) topics.get(Topics.INSTANCES).get("partitions")).intValue() >= collectorReplicas);
        // The services check these topics rather than create them.
        Properties config = new Properties();
        try (Reader r = Files.newBufferedReader(BASE.resolve("config.env"))) {
            config.load(r);
        }
        assertEquals("false", config.getProperty("AUTOSCALER_KAFKA_CREATE_TOPICS"));
    }

    /** The env file a configMapGenerator of the kustomization makes {@code name} from. */
    @SuppressWarnings("unchecked")
    private static String generatorEnvFile(String name) {
        return ((List<Map<String, Object>>) kustomization.get("configMapGenerator")).stream().filter(g -> name.equals(g.get("name")))
                .map(g -> ((List<String>) g.get("envs")).get(0)).findFirst().orElseThrow(() -> new AssertionError("no generator " + name));
    }

    /**
     * kubectl's kustomize builds the base: the Secret is named with a hash of its content, and every Deployment and the
     * ServiceMonitor name it so; another secret value, another name, so the pods roll. SMTP settings reach only the
     * notifier, from their ConfigMap.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aChangedSecretRollsThePods() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "needs kubectl");
        String first = hashedSecret("DB_PASSWORD=one");
        String second = hashedSecret("DB_PASSWORD=two");
        assertTrue(first.startsWith("autoscaler-secrets-") && !first.equals(second), first + " / " + second);
    }

    /** The Secret's generated name in a build of the base with {@code secret} in secrets.env; checks every reference names it. */
    @SuppressWarnings("unchecked")
    private static String hashedSecret(String secret) throws Exception {
        String example = Files.readString(BASE.resolve("secrets.env.example"));
        String key = secret.substring(0, secret.indexOf('=') + 1);
        assertTrue(example.contains("\n" + key + "\n"), key);
        String out = kustomize(Map.of("secrets.env", example.replace("\n" + key + "\n", "\n" + secret + "\n")));
        String name = null;
        Set<String> referenced = new TreeSet<>();
        for (Object o : new Yaml().loadAll(out)) {
            Map<String, Object> r = (Map<String, Object>) o;
            Map<String, Object> meta = (Map<String, Object>) r.get("metadata");
            if ("Secret".equals(r.get("kind"))) {
                name = String.valueOf(meta.get("name"));
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("autoscaler-secrets[-a-z0-9]*").matcher(new Yaml().dump(r.get("spec")));
            while (m.find()) {
                referenced.add(m.group());
            }
            if ("Deployment".equals(r.get("kind"))) {
                String env = new Yaml().dump(r.get("spec"));
                assertEquals("notifier".equals(meta.get("name")), env.contains("autoscaler-smtp"), meta.get("name") + " reads the SMTP settings");
            }
        }
        assertEquals(Set.of(name), referenced, "every reference names the hashed Secret");
        return name;
    }

    /**
     * Instances as code on Kubernetes: the collector reads instances.yaml from a ConfigMap named with a hash of its
     * content (an edit rolls the collector, which applies the file at start), at the path COLLECTOR_INSTANCES_FILE
     * names, with the Secret of the file's ${VARIABLE} values in its environment.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theInstancesFileReachesTheCollector() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "needs kubectl");
        Map<String, Object> example = new Yaml().load(Files.readString(BASE.resolve("instances.yaml")));
        assertEquals(List.of(), example.get("instances"), "the example declares nothing until it is edited");
        String first = instancesConfigMap("instances: []\n");
        String second = instancesConfigMap("instances:\n  - {name: orders, provider: local, redisUrl: ${ORDERS_REDIS_URL}}\n");
        assertTrue(first.startsWith("autoscaler-instances-") && !first.equals(second), first + " / " + second);
    }

    /** The generated ConfigMap's name in a build with {@code file} as instances.yaml; checks the collector reads it. */
    @SuppressWarnings("unchecked")
    private static String instancesConfigMap(String file) throws Exception {
        String out = kustomize(Map.of("secrets.env", Files.readString(BASE.resolve("secrets.env.example")), "instances.yaml", file));
        String name = null;
        Map<String, Object> collector = null;
        for (Object o : new Yaml().loadAll(out)) {
            Map<String, Object> r = (Map<String, Object>) o;
            Map<String, Object> meta = (Map<String, Object>) r.get("metadata");
            if ("ConfigMap".equals(r.get("kind")) && String.valueOf(meta.get("name")).startsWith("autoscaler-instances-")) {
                name = String.valueOf(meta.get("name"));
                assertEquals(file, ((Map<String, Object>) r.get("data")).get("instances.yaml"));
            }
            if ("Deployment".equals(r.get("kind")) && "collector".equals(meta.get("name"))) {
                collector = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) r.get("spec")).get("template")).get("spec");
            }
        }
        assertTrue(name != null && collector != null, out);
        Map<String, Object> volume = ((List<Map<String, Object>>) collector.get("volumes")).stream()
                .filter(v -> v.containsKey("configMap")).findFirst().orElseThrow();
        assertEquals(name, ((Map<String, Object>) volume.get("configMap")).get("name"));
        Map<String, Object> container = ((List<Map<String, Object>>) collector.get("containers")).get(0);
        Map<String, Object> mount = ((List<Map<String, Object>>) container.get("volumeMounts")).stream()
                .filter(m -> volume.get("name").equals(m.get("name"))).findFirst().orElseThrow();
        String path = ((List<Map<String, Object>>) container.get("env")).stream().filter(e -> "COLLECTOR_INSTANCES_FILE".equals(e.get("name")))
                .map(e -> String.valueOf(e.get("value"))).findFirst().orElseThrow();
        assertEquals(mount.get("mountPath") + "/instances.yaml", path);
        assertTrue(new Yaml().dump(container.get("envFrom")).contains("autoscaler-instance-secrets"), "the file's secrets");
        return name;
    }

    /** kubectl's kustomize build of a copy of the base with {@code files} written over it. */
    private static String kustomize(Map<String, String> files) throws Exception {
        Path dir = Files.createTempDirectory("kustomize");
        try (var base = Files.list(BASE)) {
            for (Path f : base.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        for (var f : files.entrySet()) {
            Files.writeString(dir.resolve(f.getKey()), f.getValue());
        }
        Process p = new ProcessBuilder("/usr/bin/kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, out);
        return out;
    }

    private static Set<String> keys(String envFile) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(BASE.resolve(envFile))) {
            p.load(r);
        }
        return p.stringPropertyNames();
    }
}
