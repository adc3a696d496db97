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

    public static String deadLetter(String service) {
        return DLQ_PREFIX + service;
    }

    private Topics() {}
}
