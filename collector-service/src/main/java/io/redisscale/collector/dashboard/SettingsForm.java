package io.redisscale.collector.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.redisscale.collector.ProblemException;
import io.redisscale.collector.registry.InstanceRequest;
import io.redisscale.runtime.api.Problem;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings form bound to the API and back: an instance's settings as form values, the posted form as
 * the API's JSON, and the API's field errors by form field. Pure.
 */
final class SettingsForm {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The form's number fields: the API's names. */
    private static final List<String> NUMBERS = List.of("metricRateSeconds", "scalingRateSeconds", "memoryThresholdPercent",
            "connectionThresholdPercent");

    /** A registration's identity fields, set once. */
    private static final List<String> IDENTITY = List.of("name", "provider", "herokuApp", "configVar", "subscriptionId", "databaseId", "redisUrl", "plan");

    /** What each setting is called on the page, in the form's order: the words a "saved" message uses. */
    static final Map<String, String> LABELS = labels();

    private SettingsForm() {}

    private static Map<String, String> labels() {
        Map<String, String> l = new LinkedHashMap<>();
        l.put("scalingEnabled", "scaling on");
        l.put("dryRun", "dry run");
        l.put("memoryThresholdPercent", "memory threshold");
        l.put("connectionThresholdPercent", "connection threshold");
        l.put("metricRateSeconds", "poll period");
        l.put("scalingRateSeconds", "scaling rate");
        l.put("minPlan", "smallest plan");
        l.put("maxPlan", "largest plan");
        l.put("schedule", "plan schedule");
        l.put("recipients", "recipients");
        l.put("thresholdBreach", "email on a breach");
        l.put("scalingSuccess", "email on a plan change");
        l.put("scalingFailure", "email on a failed change");
        return java.util.Collections.unmodifiableMap(l);
    }

    /** A registration form's first values: the API's own defaults (InstanceConfig), shown rather than left blank. */
    static Map<String, String> registrationDefaults() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("provider", "local");
        v.put("memoryThresholdPercent", String.valueOf(io.redisscale.events.InstanceConfig.DEFAULT_THRESHOLD_PERCENT));
        v.put("connectionThresholdPercent", String.valueOf(io.redisscale.events.InstanceConfig.DEFAULT_THRESHOLD_PERCENT));
        v.put("metricRateSeconds", String.valueOf(io.redisscale.events.InstanceConfig.DEFAULT_METRIC_RATE_SECONDS));
        v.put("scalingRateSeconds", String.valueOf(io.redisscale.events.InstanceConfig.DEFAULT_SCALING_RATE_SECONDS));
        if (io.redisscale.events.InstanceConfig.DEFAULT_SCALING_ENABLED) {
            v.put("scalingEnabled", "on");
        }
        // The API sends every kind of email when none is named: so does the form.
        for (String box : List.of("thresholdBreach", "scalingSuccess", "scalingFailure")) {
            v.put(box, "on");
        }
        return v;
    }

    /** The settings a saved form changed, by their labels; empty when it changed none. */
    static List<String> changed(Map<String, String> before, Map<String, String> after) {
        return LABELS.keySet().stream().filter(k -> !normal(before.get(k)).equals(normal(after.get(k)))).toList();
    }

    private static String normal(String value) {
        return value == null ? "" : value.replace(" ", "");
    }

    /** The settings as the form shows them: strings by API field name, checkboxes "on" when true. */
    static Map<String, String> of(InstanceRequest s) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", s.name());
        v.put("plan", s.plan());
        v.put("metricRateSeconds", String.valueOf(s.metricRateSeconds()));
        v.put("scalingRateSeconds", String.valueOf(s.scalingRateSeconds()));
        v.put("memoryThresholdPercent", String.valueOf(s.memoryThresholdPercent()));
        v.put("connectionThresholdPercent", String.valueOf(s.connectionThresholdPercent()));
        v.put("minPlan", s.minPlan());
        v.put("maxPlan", s.maxPlan());
        v.put("schedule", s.schedule() == null || s.schedule().ranges().isEmpty() ? "" : scheduleText(s.schedule()));
        v.put("recipients", s.recipients() == null ? "" : String.join(", ", s.recipients()));
        if (Boolean.TRUE.equals(s.scalingEnabled())) {
            v.put("scalingEnabled", "on");
        }
        if (Boolean.TRUE.equals(s.dryRun())) {
            v.put("dryRun", "on");
        }
        if (s.notifications() != null) {
            if (Boolean.TRUE.equals(s.notifications().thresholdBreach())) {
                v.put("thresholdBreach", "on");
            }
            if (Boolean.TRUE.equals(s.notifications().scalingSuccess())) {
                v.put("scalingSuccess", "on");
            }
            if (Boolean.TRUE.equals(s.notifications().scalingFailure())) {
                v.put("scalingFailure", "on");
            }
        }
        return v;
    }

    /** A schedule as the form shows it: its JSON, one range a line. */
    static String scheduleText(io.redisscale.events.PlanSchedule schedule) {
        StringBuilder sb = new StringBuilder("{\"timeZone\": ").append(io.redisscale.events.Events.write(schedule.timeZone())).append(", \"ranges\": [");
        for (int i = 0; i < schedule.ranges().size(); i++) {
            sb.append(i == 0 ? "\n  " : ",\n  ").append(io.redisscale.events.Events.write(schedule.ranges().get(i)));
        }
        return sb.append("\n]}").toString();
    }

    static Map<String, String> values(MultivaluedMap<String, String> form) {
        Map<String, String> v = new LinkedHashMap<>();
        form.forEach((k, l) -> v.put(k, l.isEmpty() ? "" : l.get(0).trim()));
        return v;
    }

    /**
     * The form as the API's JSON: numbers parsed (a non-number is this field's error), unticked boxes
     * false, recipients split on commas; for a registration, the instance's identity fields too.
     */
    static ObjectNode toJson(Map<String, String> v, Map<String, String> errors, boolean registration) {
        ObjectNode o = JSON.createObjectNode();
        if (registration) {
            for (String f : IDENTITY) {
                if (!v.getOrDefault(f, "").isEmpty()) {
                    o.put(f, v.get(f));
                }
            }
            if (!v.getOrDefault("apiKey", "").isEmpty() || !v.getOrDefault("secretKey", "").isEmpty()) {
                o.putObject("credentials").put("apiKey", v.getOrDefault("apiKey", "")).put("secretKey", v.getOrDefault("secretKey", ""));
            }
        }
        for (String f : NUMBERS) {
            String s = v.getOrDefault(f, "");
            if (s.isEmpty()) {
                if (!registration) {
                    errors.put(f, "is required");
                }
                continue;
            }
            try {
                o.put(f, Integer.parseInt(s));
            } catch (NumberFormatException ex) {
                errors.put(f, "must be a whole number");
            }
        }
        for (String f : List.of("minPlan", "maxPlan")) {
            if (!v.getOrDefault(f, "").isEmpty()) {
                o.put(f, v.get(f));
            }
        }
        String schedule = v.getOrDefault("schedule", "");
        if (schedule.isEmpty()) {
            if (!registration) {
                o.putNull("schedule"); // cleared: no schedule
            }
        } else {
            try {
                o.set("schedule", JSON.readTree(schedule));
            } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
                errors.put("schedule", "is not JSON: " + ex.getOriginalMessage());
            }
        }
        o.put("scalingEnabled", v.containsKey("scalingEnabled"));
        o.put("dryRun", v.containsKey("dryRun"));
        ObjectNode notify = o.putObject("notify");
        for (String f : List.of("thresholdBreach", "scalingSuccess", "scalingFailure")) {
            notify.put(f, v.containsKey(f));
        }
        var recipients = o.putArray("recipients");
        for (String r : v.getOrDefault("recipients", "").split(",")) {
            if (!r.isBlank()) {
                recipients.add(r.trim());
            }
        }
        return o;
    }

    /** The API's field errors by form field: {@code recipients[1]} is the recipients field, {@code notify.x} is x. */
    static Map<String, String> fieldErrors(ProblemException p) {
        Map<String, String> out = new LinkedHashMap<>();
        if (p.errors.isEmpty()) {
            out.put("form", p.getMessage());
        }
        for (Problem.FieldError f : p.errors) {
            // A schedule's errors go beside its one text field, saying which part they are about.
            boolean inSchedule = f.field().startsWith("schedule.");
            if (f.field().startsWith("credentials")) {
                out.merge("apiKey", f.message(), (a, b) -> a + "; " + b); // the keys' one error, beside the first of them
                continue;
            }
            String field = inSchedule ? "schedule" : f.field().replaceAll("\\[\\d+]$", "").replaceFirst("^notify\\.", "");
            String message = inSchedule ? f.field().substring("schedule.".length()) + ": " + f.message() : f.message();
            if (!LABELS.containsKey(field) && !IDENTITY.contains(field)) {
                // No field of the form (a misspelt key inside the schedule's JSON): said at the top.
                message = f.field() + ": " + f.message();
                field = "form";
            }
            out.merge(field, message, (a, b) -> a + "; " + b);
        }
        return out;
    }
}
