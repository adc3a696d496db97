package io.redisscale.events;

import java.util.List;

/** Kafka topic names and their shape. Every topic is keyed by instance id (plans: by plan name). */
public final class Topics {
    public static final String INSTANCES = "autoscaler.instances";
    public static final String PLANS = "autoscaler.plans";
    public static final String METRICS = "autoscaler.metrics";
    public static final String SCALE_COMMANDS = "autoscaler.scale-commands";
    public static final String SCALE_OUTCOMES = "autoscaler.scale-outcomes";
    public static final String ALERTS = "autoscaler.alerts";
    /** Monthly savings reports, keyed by month (yyyy-MM). */
    public static final String REPORTS = "autoscaler.reports";
    /** Dead-letter topics: one per consuming service, so a poison record is traced to its reader. */
    public static final String DLQ_PREFIX = "autoscaler.dlq.";

    /** A topic the services create at start-up when it is missing. */
    public record Spec(String name, int partitions, boolean compacted) {}

    public static final List<Spec> ALL = List.of(
            new Spec(INSTANCES, 12, true), // collector replicas split its partitions
            new Spec(PLANS, 1, true),
            new Spec(METRICS, 6, false), // decision replicas split it, three consumers each
            new Spec(SCALE_COMMANDS, 3, false),
            new Spec(SCALE_OUTCOMES, 3, false),
            new Spec(ALERTS, 3, false),
            new Spec(REPORTS, 1, false));

    /**
     * The services' consumer groups. Heroku's multi-tenant plans need each made with the Heroku CLI first;
     * a contract test holds this list to the services' configuration.
     */
    public static final List<String> GROUPS = List.of("collector-service", "collector-pollers", "decision-service",
            "actuator-service", "notifier-service");

    /** The services (their application names, which name their dead-letter topics). */
    public static final List<String> SERVICES = List.of("collector-service", "decision-service", "actuator-service", "notifier-service");

    /** Every topic of the system, the services' dead-letter topics included: each service checks them all, so one message lists all. */
    public static List<Spec> everyTopic() {
        List<Spec> out = new java.util.ArrayList<>(ALL);
        SERVICES.forEach(s -> out.add(new Spec(deadLetter(s), 1, false)));
        return List.copyOf(out);
    }

    /**
     * What each topic carries: its record, its JSON Schema ({@code schemas/<schema>.schema.json}) and the
     * schema's version, which every record carries in its {@link #SCHEMA_VERSION_HEADER} header. The version
     * goes up only for a change a consumer could trip on (docs/events.md, "Versions"); asyncapi.yaml
     * publishes the same and AsyncApiTest holds the two together.
     */
    public record Event(String topic, Class<?> type, String schema, int version) {}

    public static final String SCHEMA_VERSION_HEADER = "schema-version";

    public static final List<Event> EVENTS = List.of(
            new Event(INSTANCES, InstanceConfig.class, "instance-config", 1),
            new Event(PLANS, Plan.class, "plan", 1),
            new Event(METRICS, MetricSample.class, "metric-sample", 1),
            new Event(SCALE_COMMANDS, ScaleCommand.class, "scale-command", 1),
            new Event(SCALE_OUTCOMES, ScaleOutcome.class, "scale-outcome", 1),
            new Event(ALERTS, Alert.class, "alert", 1),
            new Event(REPORTS, SavingsReport.class, "savings-report", 1));

    /** The schema version of the events of {@code topic} (system name), if it is one of {@link #EVENTS}. */
    public static java.util.Optional<Integer> schemaVersion(String topic) {
        return EVENTS.stream().filter(e -> e.topic().equals(topic)).map(Event::version).findFirst();
    }

    public static String deadLetter(String service) {
        return DLQ_PREFIX + service;
    }

    private Topics() {}
}
