package io.redisscale.runtime.topics;

import io.quarkus.runtime.StartupEvent;
import io.redisscale.events.Topics;
import io.redisscale.runtime.KafkaClients;
import io.redisscale.runtime.KafkaNames;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes sure the system's topics are there before anything uses them: missing ones are created
 * (compacted where they are tables), so a fresh broker needs no script; the broker runs with topic
 * auto-creation off, so no consumer that came first creates one with the wrong cleanup policy. Where
 * topics may not be created (Heroku's multi-tenant plans, {@code autoscaler.kafka.create-topics=false},
 * a broker that refuses), every topic is checked for its partitions and cleanup policy instead
 * ({@link TopicCheck}): a misshapen one stops the start with the commands that fix it; missing ones are
 * waited for, so a first deploy on Kafka basic-0 does not fail: the release phase goes on, and each service
 * starts idle ({@link TopicWait}: not ready), logs the commands, checks every
 * {@code autoscaler.kafka.topic-wait-interval}, and exits once the topics are there, for its platform to start
 * it again with its consumers on them.
 */
@ApplicationScoped
public class TopicBootstrap {
    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);
    /** Reads, half a second apart, until topics just created show in the broker's metadata. */
    private static final int CREATED_READS = 40;

    private final KafkaClients kafka;
    private final KafkaNames names;
    private final int replicationFactor;
    private final boolean create;
    private final java.time.Duration waitInterval;
    private final TopicWait wait;

    public TopicBootstrap(KafkaClients kafka, KafkaNames names,
                          @ConfigProperty(name = "autoscaler.kafka.replication-factor", defaultValue = "1") int replicationFactor,
                          @ConfigProperty(name = "autoscaler.kafka.create-topics", defaultValue = "true") boolean create,
                          @ConfigProperty(name = "autoscaler.kafka.topic-wait-interval", defaultValue = "30s") java.time.Duration waitInterval,
                          @org.eclipse.microprofile.health.Readiness TopicWait wait) {
        this.kafka = kafka;
        this.names = names;
        this.replicationFactor = replicationFactor;
        this.create = create;
        this.waitInterval = waitInterval;
        this.wait = wait;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) throws InterruptedException {
        List<Topics.Spec> wanted = Topics.everyTopic();
        List<TopicCheck.Problem> problems;
        Optional<String> refusal;
        try (Admin admin = admin()) {
            refusal = create ? createMissing(admin, wanted) : Optional.of("autoscaler.kafka.create-topics=false");
            problems = TopicCheck.problems(wanted, describe(admin, wanted), names);
            // Topics this client just created may take a moment to show in the broker's metadata: read again.
            for (int read = 1; refusal.isEmpty() && !problems.isEmpty() && problems.stream().allMatch(TopicCheck.Problem::missing)
                    && read <= CREATED_READS; read++) {
                Thread.sleep(500);
                problems = TopicCheck.problems(wanted, describe(admin, wanted), names);
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the topics from Kafka at " + kafka.bootstrapServers() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + kafka.bootstrapServers() + " did not answer", e);
        }
        if (problems.isEmpty()) {
            return;
        }
        String message = TopicCheck.message(problems, names, refusal);
        if (refusal.isEmpty() || !problems.stream().allMatch(TopicCheck.Problem::missing)) {
            // Misshapen topics are not waited for (they would be read wrong), nor topics this client could create.
            throw new IllegalStateException(message + "\nThen restart the services.");
        }
        wait.waitFor(problems.stream().map(TopicCheck.Problem::topic).toList());
        LOG.warn(message + "\nThe services wait for them: up but idle (not ready), they check every " + waitInterval.toSeconds()
                + " s and restart themselves once the topics are there.");
        Thread waiter = new Thread(() -> awaitTopics(wanted), "topic-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    /** Checks until every topic is there and well made, then exits for the platform to start the service on them. */
    private void awaitTopics(List<Topics.Spec> wanted) {
        while (true) {
            try {
                Thread.sleep(waitInterval.toMillis());
                try (Admin admin = admin()) {
                    List<TopicCheck.Problem> left = TopicCheck.problems(wanted, describe(admin, wanted), names);
                    if (left.isEmpty()) {
                        LOG.info("the Kafka topics are in place: exiting, for the platform to start this service again on them");
                        io.quarkus.runtime.Quarkus.asyncExit(0);
                        return;
                    }
                    wait.waitFor(left.stream().map(TopicCheck.Problem::topic).toList());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                LOG.debugf("topic check failed, trying again: %s", e.getMessage());
            }
        }
    }

    private Admin admin() {
        return Admin.create(kafka.admin(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000)));
    }

    /** Creates what is missing; the broker's refusal, if it refuses to create topics for this client. */
    private Optional<String> createMissing(Admin admin, List<Topics.Spec> wanted) throws InterruptedException, TimeoutException {
        List<NewTopic> topics = new ArrayList<>();
        for (Topics.Spec spec : wanted) {
            NewTopic topic = new NewTopic(names.topic(spec.name()), spec.partitions(), (short) replicationFactor);
            if (spec.compacted()) {
                topic.configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            }
            topics.add(topic);
        }
        Optional<String> refusal = Optional.empty();
        for (var entry : admin.createTopics(topics).values().entrySet()) {
            try {
                entry.getValue().get(30, TimeUnit.SECONDS);
                LOG.infof("created topic %s", entry.getKey());
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (refused(cause)) {
                    refusal = Optional.of("the broker refused: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
                } else if (!(cause instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + entry.getKey(), cause);
                }
            }
        }
        return refusal;
    }

    /** A broker that does not let this client create topics (ACLs, a create policy, a managed service's API). */
    static boolean refused(Throwable cause) {
        return cause instanceof org.apache.kafka.common.errors.AuthorizationException
                || cause instanceof org.apache.kafka.common.errors.PolicyViolationException
                || cause instanceof org.apache.kafka.common.errors.UnsupportedVersionException;
    }

    /** The wanted topics that exist, by broker name, with their partitions and cleanup policy. */
    private Map<String, TopicCheck.Found> describe(Admin admin, List<Topics.Spec> wanted)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<String> brokerNames = wanted.stream().map(s -> names.topic(s.name())).toList();
        java.util.Set<String> existing = new java.util.HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
        List<String> present = brokerNames.stream().filter(existing::contains).toList();
        Map<String, TopicCheck.Found> found = new HashMap<>();
        if (present.isEmpty()) {
            return found;
        }
        Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames().get(30, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get(30, TimeUnit.SECONDS);
        for (String topic : present) {
            var policy = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic)).get(TopicConfig.CLEANUP_POLICY_CONFIG);
            boolean compacted = policy != null && policy.value() != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT);
            found.put(topic, new TopicCheck.Found(descriptions.get(topic).partitions().size(), compacted));
        }
        return found;
    }
}
