package io.redisscale.collector.registry;

import io.quarkus.runtime.StartupEvent;
import io.redisscale.collector.CollectorConfig;
import io.redisscale.collector.ProblemException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

/**
 * Instances as code where no one runs the CLI (Kubernetes: the file in a ConfigMap, the secrets in a Secret): with
 * {@code COLLECTOR_INSTANCES_FILE} set, the collector applies the file when it starts, after the plan catalog is
 * seeded, its {@code ${VARIABLE}} references filled from its own environment. The same all-or-nothing apply as
 * {@code ./autoscaler apply} ({@link Instances#apply}), pruning with {@code COLLECTOR_INSTANCES_PRUNE}. A file that
 * cannot be applied stops the start with the reason: a pod that keeps the fleet other than declared would hide it.
 * Replicas starting together may race to create the same instance: the loser reads the fleet again and applies once
 * more, which then finds nothing to do.
 */
@ApplicationScoped
class InstancesFileAtStart {
    private static final Logger LOG = Logger.getLogger(InstancesFileAtStart.class);
    private static final int ATTEMPTS = 3;

    private final CollectorConfig config;
    private final Instances instances;

    InstancesFileAtStart(CollectorConfig config, Instances instances) {
        this.config = config;
        this.instances = instances;
    }

    /** After the catalog is seeded (PlanSeeder observes at the default priority, 2500). */
    void onStart(@Observes @Priority(3000) StartupEvent started) {
        Optional<String> file = config.instancesFile().filter(f -> !f.isBlank());
        if (file.isEmpty()) {
            return;
        }
        String text;
        try {
            text = InstanceFile.expand(Files.readString(Path.of(file.get())),
                    name -> ConfigProvider.getConfig().getOptionalValue(name, String.class));
        } catch (IOException e) {
            throw new IllegalStateException("COLLECTOR_INSTANCES_FILE " + file.get() + " cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("COLLECTOR_INSTANCES_FILE " + file.get() + ": " + e.getMessage(), e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                Instances.Applied applied = instances.apply(InstanceFile.read(text), config.instancesPrune(), false, true);
                Map<String, Integer> counts = new TreeMap<>();
                applied.changes().forEach(c -> counts.merge(c.action(), 1, Integer::sum));
                LOG.infof("instances file %s applied%s: %s", file.get(), config.instancesPrune() ? " (prune)" : "",
                        counts.isEmpty() ? "nothing declared" : counts);
                return;
            } catch (ProblemException e) {
                if (e.status() != 409 || attempt == ATTEMPTS) {
                    throw new IllegalStateException("COLLECTOR_INSTANCES_FILE " + file.get() + " refused (" + e.status() + "): "
                            + e.getMessage() + " " + e.errors, e);
                }
                LOG.infof("instances file %s: another replica applied it at the same time (%s); applying again", file.get(), e.getMessage());
            }
        }
    }
}
