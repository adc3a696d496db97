package io.redisscale.collector.registry;

import io.redisscale.collector.ProblemException;
import io.redisscale.runtime.api.Problem;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.PlanSchedule;
import io.redisscale.schedule.Schedule;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a registration against the rules and the plan catalog and fills its defaults. Pure: the
 * catalog and the default recipients come in, a {@link Registration} or a {@link ProblemException}
 * with every field error goes out.
 */
final class RegistrationRules {
    static final Set<Integer> SCALING_RATES = Set.of(60, 300, 600);
    /** Settings that only one provider has: their presence is checked per provider. */
    private static final Set<String> PROVIDER_FIELDS = Set.of("herokuApp", "configVar", "redisUrl", "subscriptionId", "databaseId", "credentials",
            "replicationGroupId", "region");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}");
    private static final Pattern HEROKU_APP = Pattern.compile("[a-z][a-z0-9-]{1,29}");
    private static final Pattern CONFIG_VAR = Pattern.compile("[A-Z][A-Z0-9_]{0,99}");
    private static final Pattern SUBSCRIPTION = Pattern.compile("[0-9]{1,12}");
    /** ElastiCache's own rule for a replication group id: a letter, then letters, digits and hyphens, at most 40. */
    private static final Pattern REPLICATION_GROUP = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,39}");
    private static final Pattern AWS_REGION = Pattern.compile("[a-z]{2}(-gov)?-[a-z]+-[0-9]");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+");

    private final Map<String, Plan> plans;
    private final List<String> defaultRecipients;
    /** The poll periods allowed (CollectorConfig#metricRates), in order. */
    private final List<Integer> metricRates;

    /** Where the local provider may reach (and whether it is on at all). */
    private final io.redisscale.runtime.RedisTargets targets;

    RegistrationRules(List<Plan> catalog, List<String> defaultRecipients, List<Integer> metricRates,
                      io.redisscale.runtime.RedisTargets targets) {
        this.targets = targets;
        this.plans = catalog.stream().collect(Collectors.toMap(Plan::name, Function.identity()));
        this.defaultRecipients = defaultRecipients;
        this.metricRates = metricRates.stream().sorted().toList();
    }

    /** Field checks only (400): run before anything is asked of Heroku. */
    void checkFields(InstanceRequest r) {
        check(r, null, false);
    }

    /** Checks a registration; {@code addon}, when the provider was asked, fixes the service and current plan. */
    Registration check(InstanceRequest r, ProviderView addon) {
        return check(r, addon, true);
    }

    /** Length caps: what no registration needs more of, so no request makes the service or its event grow without bound. */
    static final int MAX_URL = 2048;
    static final int MAX_NAME = 100;
    static final int MAX_RECIPIENTS = 50;
    static final int MAX_EMAIL = 254;

    /** Fields over their caps, answered 422 before any other rule (and never echoed back). */
    private static void checkCaps(InstanceRequest r) {
        List<Problem.FieldError> over = new ArrayList<>();
        cap(over, "name", r.name(), MAX_NAME);
        cap(over, "provider", r.provider(), MAX_NAME);
        cap(over, "herokuApp", r.herokuApp(), MAX_NAME);
        cap(over, "configVar", r.configVar(), MAX_NAME);
        cap(over, "redisUrl", r.redisUrl(), MAX_URL);
        cap(over, "plan", r.plan(), MAX_NAME);
        cap(over, "minPlan", r.minPlan(), MAX_NAME);
        cap(over, "maxPlan", r.maxPlan(), MAX_NAME);
        cap(over, "subscriptionId", r.subscriptionId(), MAX_NAME);
        cap(over, "databaseId", r.databaseId(), MAX_NAME);
        cap(over, "replicationGroupId", r.replicationGroupId(), MAX_NAME);
        cap(over, "region", r.region(), MAX_NAME);
        if (r.credentials() != null) {
            cap(over, "credentials.apiKey", r.credentials().apiKey(), MAX_NAME);
            cap(over, "credentials.secretKey", r.credentials().secretKey(), MAX_NAME);
        }
        if (r.recipients() != null) {
            if (r.recipients().size() > MAX_RECIPIENTS) {
                over.add(err("recipients", "at most " + MAX_RECIPIENTS + " addresses"));
            } else {
                for (int i = 0; i < r.recipients().size(); i++) {
                    cap(over, "recipients[" + i + "]", r.recipients().get(i), MAX_EMAIL);
                }
            }
        }
        if (!over.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content", "fields over their length limits", over);
        }
    }

    private static void cap(List<Problem.FieldError> over, String field, String value, int max) {
        if (value != null && value.length() > max) {
            over.add(err(field, "at most " + max + " characters"));
        }
    }

    private Registration check(InstanceRequest r, ProviderView addon, boolean plansToo) {
        checkCaps(r);
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.name() == null) {
            errors.add(err("name", "is required"));
        } else if (!NAME.matcher(r.name()).matches()) {
            errors.add(err("name", "1 to 63 letters, digits, '-' or '_'"));
        }
        InstanceConfig.Provider provider = null;
        if (r.provider() == null) {
            errors.add(err("provider", "is required: heroku, rediscloud, elasticache or local"));
        } else {
            try {
                provider = InstanceConfig.Provider.valueOf(r.provider());
            } catch (IllegalArgumentException e) {
                provider = InstanceConfig.Provider.other;
            }
            if (provider == InstanceConfig.Provider.other) { // "other" is what unknown providers read as, not one to register
                errors.add(err("provider", "must be heroku, rediscloud, elasticache or local"));
                provider = null;
            }
        }
        if (provider == InstanceConfig.Provider.heroku) {
            requireMatch(errors, "herokuApp", r.herokuApp(), HEROKU_APP, "a Heroku app name (lower-case letters, digits, '-')");
            requireMatch(errors, "configVar", r.configVar(), CONFIG_VAR, "a config var name such as REDISCLOUD_URL");
            if (r.redisUrl() != null) {
                errors.add(err("redisUrl", "is read from the app's config var for heroku instances; leave it out"));
            }
        } else if (provider == InstanceConfig.Provider.rediscloud) {
            requireMatch(errors, "subscriptionId", r.subscriptionId(), SUBSCRIPTION, "the id of a Redis Cloud subscription");
            if (r.databaseId() != null && !SUBSCRIPTION.matcher(r.databaseId()).matches()) {
                errors.add(err("databaseId", "the id of a Redis Cloud Pro database (digits), or left out for an Essentials subscription"));
            }
            if (r.credentials() == null || blank(r.credentials().apiKey()) || blank(r.credentials().secretKey())) {
                errors.add(err("credentials", "is required: {\"apiKey\": the account key, \"secretKey\": a user key}"));
            }
            if (checkRedisUrl(errors, r.redisUrl())) {
                targets.refusal(r.redisUrl()).ifPresent(why -> errors.add(err("redisUrl", why)));
            }
            if (r.herokuApp() != null || r.configVar() != null) {
                errors.add(err(r.herokuApp() != null ? "herokuApp" : "configVar", "only for heroku instances"));
            }
        } else if (provider == InstanceConfig.Provider.elasticache) {
            requireMatch(errors, "replicationGroupId", r.replicationGroupId(), REPLICATION_GROUP, "an ElastiCache replication group id");
            requireMatch(errors, "region", r.region(), AWS_REGION, "an AWS region such as us-east-1");
            if (checkRedisUrl(errors, r.redisUrl())) {
                targets.refusal(r.redisUrl()).ifPresent(why -> errors.add(err("redisUrl", why)));
            }
        } else if (provider == InstanceConfig.Provider.local && !targets.localProvider()) {
            errors.add(err("provider", "local is off here (AUTOSCALER_LOCAL_PROVIDER=true turns it on)"));
        } else if (provider == InstanceConfig.Provider.local) {
            if (checkRedisUrl(errors, r.redisUrl())) {
                targets.refusal(r.redisUrl()).ifPresent(why -> errors.add(err("redisUrl", why)));
            }
            if (r.herokuApp() != null || r.configVar() != null) {
                errors.add(err(r.herokuApp() != null ? "herokuApp" : "configVar", "only for heroku instances"));
            }
        }
        if (provider != InstanceConfig.Provider.rediscloud && (r.subscriptionId() != null || r.databaseId() != null || r.credentials() != null)) {
            errors.add(err(r.subscriptionId() != null ? "subscriptionId" : r.databaseId() != null ? "databaseId" : "credentials",
                    "only for rediscloud instances"));
        }
        if (provider != InstanceConfig.Provider.elasticache && (r.replicationGroupId() != null || r.region() != null)) {
            errors.add(err(r.replicationGroupId() != null ? "replicationGroupId" : "region", "only for elasticache instances"));
        }
        int metricRate = orDefault(r.metricRateSeconds(), InstanceConfig.DEFAULT_METRIC_RATE_SECONDS);
        if (!metricRates.contains(metricRate)) {
            errors.add(err("metricRateSeconds", "must be " + oneOf(metricRates) + " (never under " + metricRates.get(0) + " s)"));
        }
        int scalingRate = orDefault(r.scalingRateSeconds(), InstanceConfig.DEFAULT_SCALING_RATE_SECONDS);
        if (!SCALING_RATES.contains(scalingRate)) {
            errors.add(err("scalingRateSeconds", "must be 60, 300 or 600"));
        }
        int memThreshold = percent(errors, "memoryThresholdPercent", r.memoryThresholdPercent());
        int connThreshold = percent(errors, "connectionThresholdPercent", r.connectionThresholdPercent());
        List<String> recipients = r.recipients() == null ? defaultRecipients : r.recipients();
        for (int i = 0; i < recipients.size(); i++) {
            if (recipients.get(i) == null || !EMAIL.matcher(recipients.get(i)).matches()) {
                errors.add(err("recipients[" + i + "]", "not an email address"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content", "the registration has invalid fields", errors);
        }
        return plansToo ? checkPlans(r, addon, provider, metricRate, scalingRate, memThreshold, connThreshold, recipients) : null;
    }

    /** Plan rules are checked once the fields are well-formed: 422 when they contradict the catalog. */
    private Registration checkPlans(InstanceRequest r, ProviderView addon, InstanceConfig.Provider provider,
                                    int metricRate, int scalingRate, int memThreshold, int connThreshold,
                                    List<String> recipients) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (addon != null && !plans.containsKey(addon.plan())) {
            String field = switch (provider) {
                case heroku -> "configVar";
                case elasticache -> "replicationGroupId";
                default -> "subscriptionId";
            };
            throw new ProblemException(422, "Unprocessable Content", "the instance is on plan '" + addon.plan()
                    + "' of service '" + addon.service() + "', which the plan catalog does not have; add the service's catalog with PUT "
                    + "/api/v1/catalogs/" + addon.service() + " (an ElastiCache region's: ./autoscaler catalog elasticache REGION --apply)",
                    List.of(new Problem.FieldError(field, "plan " + addon.plan() + " is not supported")));
        }
        for (var field : List.of(Map.entry("plan", nz(r.plan())), Map.entry("minPlan", nz(r.minPlan())), Map.entry("maxPlan", nz(r.maxPlan())))) {
            if (!field.getValue().isEmpty() && !plans.containsKey(field.getValue())) {
                errors.add(err(field.getKey(), "unknown plan '" + field.getValue() + "'; see GET /api/v1/plans"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content", "unknown plan", errors);
        }
        // Heroku's word on the service wins; else the plans named; else Redis Cloud.
        String service = addon != null ? plans.get(addon.plan()).service()
                : List.of(nz(r.plan()), nz(r.minPlan()), nz(r.maxPlan())).stream()
                .filter(p -> !p.isEmpty()).map(p -> plans.get(p).service()).findFirst().orElse(InstanceConfig.DEFAULT_SERVICE);
        List<Plan> ofService = plans.values().stream().filter(p -> p.service().equals(service))
                .sorted(Comparator.comparingLong(Plan::memoryBytes)).toList();
        Plan min = r.minPlan() == null ? ofService.get(0) : plans.get(r.minPlan());
        Plan max = r.maxPlan() == null ? ofService.get(ofService.size() - 1) : plans.get(r.maxPlan());
        Plan current = addon != null ? plans.get(addon.plan()) : r.plan() == null ? min : plans.get(r.plan());
        for (var field : List.of(Map.entry("minPlan", min), Map.entry("maxPlan", max), Map.entry("plan", current))) {
            if (!field.getValue().service().equals(service)) {
                errors.add(err(field.getKey(), "is a " + field.getValue().service() + " plan; this instance uses " + service));
            }
        }
        if (errors.isEmpty() && min.memoryBytes() > max.memoryBytes()) {
            errors.add(err("minPlan", "is above maxPlan (" + min.name() + " > " + max.name() + ")"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content", "the plans do not fit together", errors);
        }
        PlanSchedule schedule = checkSchedule(r.schedule(), ofService, min, max);
        InstanceRequest.NotifyRequest n = r.notifications() == null
                ? new InstanceRequest.NotifyRequest(null, null, null) : r.notifications();
        InstanceConfig.Notify all = InstanceConfig.Notify.ALL;
        InstanceRequest.NotifyRequest notify = new InstanceRequest.NotifyRequest(orDefault(n.thresholdBreach(), all.thresholdBreach()),
                orDefault(n.scalingSuccess(), all.scalingSuccess()), orDefault(n.scalingFailure(), all.scalingFailure()));
        InstanceRequest filled = r.with()
                .provider(provider.name())
                .plan(current.name())
                .metricRateSeconds(metricRate)
                .scalingRateSeconds(scalingRate)
                .memoryThresholdPercent(memThreshold)
                .connectionThresholdPercent(connThreshold)
                .scalingEnabled(orDefault(r.scalingEnabled(), InstanceConfig.DEFAULT_SCALING_ENABLED))
                .dryRun(orDefault(r.dryRun(), InstanceConfig.DEFAULT_DRY_RUN))
                .minPlan(min.name())
                .maxPlan(max.name())
                .schedule(schedule)
                .notifications(notify)
                .recipients(List.copyOf(recipients))
                .tlsAllowSelfSigned(orDefault(r.tlsAllowSelfSigned(), false))
                .build();
        return new Registration(filled, addon == null ? null : addon.addonId(), service);
    }

    /**
     * The plan schedule read against the service's plans ({@link Schedule}: every range's fields) and the instance's
     * own bounds: a range that asked for a plan outside {@code min..max} would silently ask nothing, so it is refused.
     */
    private static PlanSchedule checkSchedule(PlanSchedule asked, List<Plan> ofService, Plan min, Plan max) {
        if (asked == null) {
            return PlanSchedule.NONE;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        try {
            Schedule.of(asked, ofService.stream().collect(Collectors.toMap(Plan::name, Plan::memoryBytes)));
        } catch (Schedule.Invalid e) {
            e.refusals().forEach(f -> errors.add(err("schedule." + f.field(), f.message())));
            throw new ProblemException(422, "Unprocessable Content", "the schedule cannot hold", errors);
        }
        Map<String, Plan> byName = ofService.stream().collect(Collectors.toMap(Plan::name, Function.identity()));
        for (int i = 0; i < asked.ranges().size(); i++) {
            PlanSchedule.Range range = asked.ranges().get(i);
            for (var bound : List.of(Map.entry("minPlan", nz(range.minPlan())), Map.entry("maxPlan", nz(range.maxPlan())))) {
                Plan p = byName.get(bound.getValue());
                if (p != null && (p.memoryBytes() < min.memoryBytes() || p.memoryBytes() > max.memoryBytes())) {
                    errors.add(err("schedule.ranges[" + i + "]." + bound.getKey(), "is outside the instance's own plans ("
                            + min.name() + " to " + max.name() + ")"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content", "the schedule asks for plans the instance may not have", errors);
        }
        return new PlanSchedule(asked.timeZone() == null ? "UTC" : asked.timeZone(), asked.ranges());
    }

    /**
     * A full replacement ({@code PUT}) must carry every field, so nothing is reset by being left out;
     * 422 names each missing one. Fields that belong to one provider only are left to the field checks.
     */
    static void requireComplete(InstanceRequest r) {
        List<Problem.FieldError> missing = new ArrayList<>();
        InstanceRequestBuilder.stream(r)
                .filter(f -> f.getValue() == null && !PROVIDER_FIELDS.contains(f.getKey()))
                .forEach(f -> missing.add(err(f.getKey().equals("notifications") ? "notify" : f.getKey(), "is required by PUT; use PATCH to change some fields")));
        InstanceRequest.NotifyRequest n = r.notifications();
        if (n != null) {
            for (var f : List.of(Map.entry("thresholdBreach", n.thresholdBreach() != null),
                    Map.entry("scalingSuccess", n.scalingSuccess() != null), Map.entry("scalingFailure", n.scalingFailure() != null))) {
                if (!f.getValue()) {
                    missing.add(err("notify." + f.getKey(), "is required by PUT; use PATCH to change some fields"));
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new ProblemException(422, "Unprocessable Content",
                    "PUT replaces the whole instance: every field is required", missing);
        }
    }

    /** Whether {@code url} is a well-formed Redis URL; each way it is not goes into {@code errors}. */
    private static boolean checkRedisUrl(List<Problem.FieldError> errors, String url) {
        if (url == null) {
            errors.add(err("redisUrl", "is required for local instances"));
            return false;
        }
        try {
            URI uri = URI.create(url);
            if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
                errors.add(err("redisUrl", "must look like redis://[:password@]host:port or rediss://..."));
                return false;
            }
            return true;
        } catch (IllegalArgumentException e) {
            // The URL may hold a password: never echo it back.
            errors.add(err("redisUrl", "is not a valid URL"));
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void requireMatch(List<Problem.FieldError> errors, String field, String value, Pattern p, String what) {
        if (value == null) {
            errors.add(err(field, "is required"));
        } else if (!p.matcher(value).matches()) {
            errors.add(err(field, "must be " + what));
        }
    }

    private static int percent(List<Problem.FieldError> errors, String field, Integer value) {
        int v = orDefault(value, InstanceConfig.DEFAULT_THRESHOLD_PERCENT);
        if (v < 1 || v > 100) {
            errors.add(err(field, "must be between 1 and 100"));
        }
        return v;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Problem.FieldError err(String field, String message) {
        return new Problem.FieldError(field, message);
    }

    /** "30, 60 or 300". */
    private static String oneOf(List<Integer> values) {
        List<String> words = values.stream().map(String::valueOf).toList();
        return words.size() == 1 ? words.get(0)
                : String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
