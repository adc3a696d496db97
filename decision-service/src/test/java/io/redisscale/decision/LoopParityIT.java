package io.redisscale.decision;

import io.redisscale.decision.backtest.Backtest;
import io.redisscale.decision.backtest.Simulation;
import io.redisscale.decision.backtest.Timeline;
import io.redisscale.decision.backtest.Trace;
import io.redisscale.decision.state.ChangeLatency;
import io.redisscale.decision.state.InstanceState;
import io.redisscale.decision.state.InstanceStates;
import io.redisscale.testsupport.TestInfra;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Events;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.InstanceConfigBuilder;
import io.redisscale.events.MetricSample;
import io.redisscale.events.Plan;
import io.redisscale.events.PlanCatalog;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.Topics;
import io.redisscale.testsupport.TestInfraResource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * One loop: a day and a half of a public trace replayed through the running decision service (samples
 * and outcomes on the real broker, its clock set to each sample's time, the actuator played by the
 * test with the backtester's change latency) and through the backtester give the same commands at the
 * same times.
 */
@QuarkusTest
@QuarkusTestResource(TestInfraResource.class)
class LoopParityIT {
    @jakarta.inject.Inject
    InstanceStates states;
    @jakarta.inject.Inject
    io.redisscale.runtime.Replica replica;
    static final int POINTS = 36 * 60; // 36 hours of one-minute samples

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Test
    void theServiceAndTheBacktesterDecideTheSameChangesAtTheSameTimes() throws Exception {
        Trace full = Trace.read(Path.of("..", "samples", "traces", "synthetic-bursts.csv"));
        Trace trace = new Trace(full.name(), full.points().subList(0, POINTS));
        // The backtester takes the change latency as given: no latency measured by other tests may stand in.
        QuarkusTransaction.requiringNew().run(() -> ChangeLatency.delete("service", "rediscloud"));
        List<Plan> catalog = PlanCatalog.bundled("rediscloud");
        Map<String, Plan> plans = catalog.stream().collect(Collectors.toMap(Plan::name, Function.identity()));
        Backtest.Options options = Backtest.parse(new String[] {"--trace", "x.csv", "--catalog", "rediscloud"});
        Plan start = Backtest.start(trace, catalog, options);
        UUID id = UUID.randomUUID();
        InstanceConfig instance = InstanceConfigBuilder.builder(Backtest.instance(catalog, start, options)).id(id)
                .name("parity-" + id).build();
        long latency = options.changeLatency();

        List<String> backtester = new ArrayList<>();
        Timeline simulated = new Simulation(options.settings().withChangeLatency(Duration.ofSeconds(latency)), catalog, instance)
                .run(trace, start);
        simulated.entries().stream().skip(1).forEach(e -> backtester.add((e.at() - latency) + " " + e.plan()));

        List<String> service = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka),
                new StringSerializer(), new StringSerializer())) {
            for (Plan p : catalog) {
                send(producer, Topics.PLANS, p.name(), p);
            }
            send(producer, Topics.INSTANCES, id.toString(), instance);
            // Topics are read by separate consumers: the first sample is judged only once the instance is known.
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                    replica.snapshot(Topics.INSTANCES, InstanceConfig.class).containsKey(id.toString())
                            && replica.snapshot(Topics.PLANS, Plan.class).keySet().containsAll(plans.keySet()));
            Plan current = start;
            Plan pending = null;
            long pendingAt = 0;
            UUID pendingCommand = null;
            long nextSample = Long.MIN_VALUE;
            for (Trace.Point p : trace.points()) {
                if (pending != null && p.at() >= pendingAt) {
                    // The actuator's part: the change is done and its outcome published.
                    Instant done = Instant.ofEpochSecond(pendingAt);
                    send(producer, Topics.SCALE_OUTCOMES, id.toString(), new ScaleOutcome(UUID.randomUUID(), pendingCommand, id,
                            ScaleOutcome.Status.succeeded, null, current.name(), pending.name(), "provisioned", done, done, 0, null, null));
                    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                            .until(() -> done.equals(state(id, s -> s.lastChangeAt)));
                    current = pending;
                    pending = null;
                }
                if (p.at() < nextSample) {
                    continue;
                }
                nextSample = p.at() + instance.metricRateSeconds();
                Instant at = Instant.ofEpochSecond(p.at());
                SettableClock.INSTANCE.set(at);
                send(producer, Topics.METRICS, id.toString(), new MetricSample(UUID.randomUUID(), id, at, MetricSample.Status.ok,
                        null, p.memory(), p.connections(), current.name(), current.memoryBytes(), current.maxConnections(), null,
                        null, 0L, 0L));
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                        .until(() -> judged(id, at)); // its sample row commits with its decision
                DecisionEntity command = QuarkusTransaction.requiringNew().call(() -> DecisionEntity.<DecisionEntity>find(
                        "instanceId = ?1 and at = ?2 and commandId is not null", id, at).firstResult());
                if (command != null) {
                    service.add(p.at() + " " + command.toPlan);
                    pending = plans.get(command.toPlan);
                    pendingAt = p.at() + latency;
                    pendingCommand = command.commandId;
                }
            }
        } finally {
            SettableClock.INSTANCE.clear();
        }
        assertTrue(backtester.size() >= 2, "the trace makes the policy change plans: " + backtester);
        assertEquals(backtester, service);
    }

    private static boolean judged(UUID id, Instant at) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) DecisionEntity.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM window_sample WHERE instance_id = ?1 AND at = ?2")
                .setParameter(1, id).setParameter(2, at).getSingleResult()).longValue() > 0);
    }

    private <T> T state(UUID id, Function<InstanceState, T> field) {
        return QuarkusTransaction.requiringNew().call(() -> states.find(id).map(field).orElse(null));
    }

    private static void send(KafkaProducer<String, String> producer, String topic, String key, Object event) throws Exception {
        producer.send(new ProducerRecord<>(TestInfra.own().topic(topic), key, Events.write(event))).get(30, TimeUnit.SECONDS);
    }
}
