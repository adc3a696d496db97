package io.redisscale.notifier;

import static io.redisscale.events.Figures.mb;
import static io.redisscale.events.Figures.usd;

import io.quarkus.qute.TemplateData;
import io.redisscale.events.Alert;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleOutcome;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What one email says, built from an event and the instance's configuration. Pure; the templates
 * render it.
 *
 * @param wanted whether the instance asked for this kind of email
 */
@TemplateData
record Message(UUID eventId, UUID instanceId, String kind, boolean wanted, String subject, String headline,
               String instanceName, String app, String event, String at, String fromPlan, String toPlan,
               String costChange, String reason, String error, String availability) {
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    static Message of(ScaleOutcome o, InstanceConfig i, Map<String, Plan> plans, String prefix) {
        String kind = "scaling_" + o.status().name();
        boolean wanted = switch (o.status()) {
            case failed, rejected -> i.notifications().scalingFailure();
            case succeeded, skipped -> i.notifications().scalingSuccess();
            case other -> i.notifications().scalingFailure() || i.notifications().scalingSuccess(); // may be either
        };
        String event = switch (o.status()) {
            case succeeded -> "scaled from " + o.fromPlan() + " to " + o.toPlan();
            case failed -> "scaling from " + o.fromPlan() + " to " + o.toPlan() + " failed";
            case rejected -> "scaling from " + o.fromPlan() + " to " + o.toPlan() + " refused by the actuator";
            case skipped -> dryRun(o)
                    ? "dry run: would have moved from " + o.fromPlan() + " to " + o.toPlan()
                      + saving(plans.get(o.fromPlan()), plans.get(o.toPlan()))
                    : "scaling from " + o.fromPlan() + " to " + o.toPlan() + " skipped";
            // A status a newer actuator sends: told as it is, never dropped.
            case other -> "scaling from " + o.fromPlan() + " to " + o.toPlan() + " ended (a status this notifier does not know)";
        };
        String headline = i.name() + ": " + event;
        return new Message(o.eventId(), o.instanceId(), kind, wanted, prefix + " " + headline, headline, i.name(),
                i.herokuApp(), event, format(o.finishedAt()), describe(plans.get(o.fromPlan()), o.fromPlan()),
                describe(plans.get(o.toPlan()), o.toPlan()), costChange(plans.get(o.fromPlan()), plans.get(o.toPlan())),
                o.reason(), dryRun(o) ? null : o.error(), availability(o)); // a dry run is no error: the event line says it all
    }

    static Message of(Alert a, InstanceConfig i, Map<String, Plan> plans, String prefix) {
        String event = switch (a.kind()) {
            case threshold_breached -> "threshold breached";
            case unreachable -> "unreachable";
            case back_to_normal -> "back to normal";
            case at_max_plan -> "at max plan and still breaching";
            case at_min_plan -> "at min plan with room to go lower";
            case data_missing -> "metrics missing";
            case would_scale -> "would scale (no command sent)";
            case would_scale_ended -> "no longer would scale";
            case other -> "alert"; // a kind a newer service raises: its detail says what it is
            case dead_letter -> throw new IllegalArgumentException("a dead_letter alert is about no instance: Message.ofSystem");
        };
        String headline = i.name() + ": " + event;
        return new Message(a.eventId(), a.instanceId(), a.kind().name(), i.notifications().thresholdBreach(),
                prefix + " " + headline, headline, i.name(), i.herokuApp(), event, format(a.at()),
                describe(plans.get(a.plan()), a.plan()), null, null, a.detail(), null, null);
    }

    /** An alert about the autoscaler itself (a dead letter), for the operators; always wanted. */
    static Message ofSystem(Alert a, String prefix) {
        String event = "a record went to the dead-letter topic";
        String headline = "autoscaler: " + event;
        return new Message(a.eventId(), a.instanceId(), a.kind().name(), true, prefix + " " + headline, headline, "autoscaler",
                null, event, format(a.at()), null, null, null, a.detail(), null, null);
    }

    /** The monthly savings report: the fleet's figures as the headline, one line per instance as the body. */
    static Message of(io.redisscale.events.SavingsReport r, String prefix) {
        String event = "savings in " + r.month() + ": saved " + usd(r.savedUsd()) + " (cost " + usd(r.costUsd()) + ", against "
                + usd(r.registeredUsd()) + " on the registered plans)";
        StringBuilder lines = new StringBuilder();
        for (var l : r.instances()) {
            lines.append(l.name()).append(": cost ").append(usd(l.costUsd())).append("; on ").append(l.registeredPlan()).append(' ')
                    .append(usd(l.registeredUsd())).append(": saved ").append(usd(l.savedUsd()))
                    .append(l.rightSizedPlan() == null ? "" : "; the right-sized single plan " + l.rightSizedPlan() + ": " + usd(l.rightSizedUsd()))
                    .append('\n');
        }
        String headline = "autoscaler: " + event;
        return new Message(r.eventId(), Alert.SYSTEM, "savings_report", true, prefix + " " + headline, headline, "the fleet", null,
                event, format(r.to()), null, null, null, lines.toString().strip(), null, null);
    }

    private static String describe(Plan p, String name) {
        if (p == null) {
            return name;
        }
        return p.name() + " (" + mb(p.memoryBytes()) + ", " + (p.unlimitedConnections() ? "unlimited" : String.valueOf(p.maxConnections()))
                + " connections, " + usd(p.priceMonthUsd()) + "/month)";
    }

    private static String availability(ScaleOutcome o) {
        return o.availability() == null ? null : o.availability().summary(o.durationMs());
    }

    private static boolean dryRun(ScaleOutcome o) {
        return o.skipReason() == ScaleOutcome.SkipReason.dry_run;
    }

    private static String saving(Plan from, Plan to) {
        if (from == null || to == null) {
            return "";
        }
        double d = from.priceMonthUsd() - to.priceMonthUsd();
        return d >= 0 ? ", saving " + usd(d) + " a month" : ", costing " + usd(-d) + " more a month";
    }

    private static String costChange(Plan from, Plan to) {
        return Optional.ofNullable(from).flatMap(f -> Optional.ofNullable(to))
                .map(t -> t.priceMonthUsd() - from.priceMonthUsd())
                .map(d -> (d >= 0 ? "+" : "") + usd(d) + "/month")
                .orElse(null);
    }

    private static String format(Instant at) {
        return at == null ? "" : UTC.format(at);
    }
}
