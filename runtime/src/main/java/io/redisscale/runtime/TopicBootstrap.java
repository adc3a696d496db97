package io.redisscale.runtime;

import io.quarkus.runtime.StartupEvent;
import io.redisscale.events.Topics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the system's topics (compacted where they are tables) before anything uses them, so a fresh
 * broker needs no script. The broker runs with topic auto-creation off, so no topic is ever created
 * with the wrong cleanup policy by a consumer that came first.
 */
@ApplicationScoped
public class TopicBootstrap {
    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);

    private final KafkaClients kafka;
    private final String serviceName;
    private final int replicationFactor;

    public TopicBootstrap(KafkaClients kafka,
                          @ConfigProperty(name = "quarkus.application.name") String serviceName,
                          @ConfigProperty(name = "autoscaler.kafka.replication-factor", defaultValue = "1") int replicationFactor) {
        this.kafka = kafka;
        this.serviceName = serviceName;
        this.replicationFactor = replicationFactor;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) throws InterruptedException {
        List<NewTopic> wanted = new ArrayList<>();
        for (Topics.Spec spec : Topics.ALL) {
            NewTopic topic = new NewTopic(spec.name(), spec.partitions(), (short) replicationFactor);
            if (spec.compacted()) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            wanted.add(topic);
        }
        wanted.add(new NewTopic(Topics.deadLetter(serviceName), 1, (short) replicationFactor));
        try (Admin admin = Admin.create(kafka.admin(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)))) {
            for (var entry : admin.createTopics(wanted).values().entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    LOG.infof("created topic %s", entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " did not answer", e);
                }
            }
        }
    }
}
