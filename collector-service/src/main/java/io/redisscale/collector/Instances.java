package io.redisscale.collector;

import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.events.SealedSecret;
import io.redisscale.events.Topics;
import io.redisscale.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Registration use cases. Each change of an instance row and its event on {@link Topics#INSTANCES}
 * are written in one transaction through the outbox.
 */
@ApplicationScoped
public class Instances {
    private final Outbox outbox;
    private final Clock clock;
    private final CollectorConfig config;
    private final SealedSecret sealer;
    private final HerokuResolver heroku;

    public Instances(Outbox outbox, Clock clock, CollectorConfig config, HerokuResolver heroku) {
        this.heroku = heroku;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.sealer = new SealedSecret(config.secretKey());
    }

    /** Registers an instance; {@code validate} asks Heroku for a heroku instance's add-on first. */
    @Transactional
    public InstanceEntity create(InstanceRequest request, boolean validate) {
        Registration reg = checked(request, validate);
        requireUniqueName(reg.name(), null);
        InstanceEntity e = new InstanceEntity();
        e.id = UUID.randomUUID();
        e.createdAt = clock.instant();
        apply(e, reg);
        e.persist();
        publish(e);
        return e;
    }

    @Transactional
    public InstanceEntity update(UUID id, InstanceRequest request, boolean validate) {
        InstanceEntity e = find(id);
        Registration reg = checked(request, validate);
        requireUniqueName(reg.name(), id);
        apply(e, reg);
        publish(e);
        return e;
    }

    @Transactional
    public void delete(UUID id) {
        InstanceEntity e = find(id);
        SampleEntity.delete("instanceId", id);
        e.delete();
        outbox.tombstone(Topics.INSTANCES, id.toString());
    }

    /** Records the plan an instance is on now (after an outcome) and republishes its configuration. */
    @Transactional
    public void planChanged(UUID id, String plan) {
        InstanceEntity e = InstanceEntity.findById(id);
        if (e == null || plan.equals(e.plan) || PlanEntity.findById(plan) == null) {
            return;
        }
        e.plan = plan;
        e.updatedAt = clock.instant();
        publish(e);
    }

    /** Records the last scale command for the live state; no event: the command is the event. */
    @Transactional
    public void decided(ScaleCommand c) {
        InstanceEntity e = InstanceEntity.findById(c.instanceId());
        if (e == null || (e.lastDecisionAt != null && c.decidedAt().isBefore(e.lastDecisionAt))) {
            return; // deleted, or an older command delivered late
        }
        e.lastDecisionAt = c.decidedAt();
        e.lastDecision = DecisionView.json(c);
    }

    /**
     * Records the last outcome: shown with its command, and read by the plan refresher. The command and
     * its outcome come on two topics, so either may be recorded first.
     */
    @Transactional
    public void outcome(ScaleOutcome o) {
        InstanceEntity e = InstanceEntity.findById(o.instanceId());
        if (e == null || (e.lastOutcomeAt != null && o.finishedAt().isBefore(e.lastOutcomeAt))) {
            return;
        }
        e.lastOutcomeCommand = o.commandId();
        e.lastOutcome = o.status().name();
        e.lastOutcomeNote = o.error() != null ? o.error() : o.reason();
        e.lastOutcomeAt = o.finishedAt();
    }

    public InstanceEntity find(UUID id) {
        InstanceEntity e = InstanceEntity.findById(id);
        if (e == null) {
            throw ProblemException.notFound("instance " + id);
        }
        return e;
    }

    /** The full Redis URL, for the poller only. */
    String redisUrl(InstanceEntity e) {
        return e.redisUrlSealed == null ? null : sealer.open(e.redisUrlSealed);
    }

    InstanceConfig toEvent(InstanceEntity e) {
        return new InstanceConfig(e.id, e.name, InstanceConfig.Provider.valueOf(e.provider), e.herokuApp, e.configVar,
                e.addonId, e.service, e.redisUrlDisplay, e.redisUrlSealed, e.plan, e.metricRateSeconds,
                e.scalingRateSeconds, e.memoryThresholdPercent, e.connectionThresholdPercent, e.scalingEnabled,
                e.dryRun, e.minPlan, e.maxPlan, notify(e), recipients(e), e.updatedAt);
    }

    InstanceView toView(InstanceEntity e) {
        SampleEntity last = SampleEntity.find("instanceId = ?1 order by at desc", e.id).firstResult();
        return new InstanceView(e.id, e.name, e.provider, e.herokuApp, e.configVar, e.addonId, e.service,
                e.redisUrlDisplay, e.plan, e.metricRateSeconds, e.scalingRateSeconds, e.memoryThresholdPercent,
                e.connectionThresholdPercent, e.scalingEnabled, e.dryRun, e.minPlan, e.maxPlan, notify(e),
                recipients(e), e.tlsAllowSelfSigned, e.reachable, last == null ? null : SampleView.of(last), DecisionView.of(e), e.createdAt, e.updatedAt);
    }

    private Registration checked(InstanceRequest request, boolean validate) {
        RegistrationRules rules = rules();
        rules.checkFields(request);
        HerokuResolver.Addon addon = validate && "heroku".equals(request.provider())
                ? heroku.resolve(request.herokuApp(), request.configVar()) : null;
        return rules.check(request, addon);
    }

    private void apply(InstanceEntity e, Registration reg) {
        e.name = reg.name();
        e.provider = reg.provider().name();
        e.herokuApp = reg.herokuApp();
        e.configVar = reg.configVar();
        e.addonId = reg.addonId();
        e.service = reg.service();
        e.redisUrlSealed = reg.redisUrl() == null ? null : sealer.seal(reg.redisUrl());
        e.redisUrlDisplay = RedisUrls.withoutCredentials(reg.redisUrl());
        e.plan = reg.plan();
        e.metricRateSeconds = reg.metricRateSeconds();
        e.scalingRateSeconds = reg.scalingRateSeconds();
        e.memoryThresholdPercent = reg.memoryThresholdPercent();
        e.connectionThresholdPercent = reg.connectionThresholdPercent();
        e.scalingEnabled = reg.scalingEnabled();
        e.dryRun = reg.dryRun();
        e.minPlan = reg.minPlan();
        e.maxPlan = reg.maxPlan();
        e.notifyThresholdBreach = reg.notifications().thresholdBreach();
        e.notifyScalingSuccess = reg.notifications().scalingSuccess();
        e.notifyScalingFailure = reg.notifications().scalingFailure();
        e.recipients = String.join(",", reg.recipients());
        e.tlsAllowSelfSigned = reg.tlsAllowSelfSigned();
        e.updatedAt = clock.instant();
    }

    private void publish(InstanceEntity e) {
        outbox.add(Topics.INSTANCES, e.id.toString(), toEvent(e));
    }

    private RegistrationRules rules() {
        List<Plan> catalog = PlanEntity.<PlanEntity>listAll().stream().map(PlanEntity::toEvent).toList();
        return new RegistrationRules(catalog, splitRecipients(config.defaultRecipients().orElse("")));
    }

    private static void requireUniqueName(String name, UUID self) {
        InstanceEntity other = InstanceEntity.find("name", name).firstResult();
        if (other != null && !other.id.equals(self)) {
            throw new ProblemException(409, "Conflict", "an instance named '" + name + "' exists already",
                    List.of(new Problem.FieldError("name", "is taken")));
        }
    }

    private static InstanceConfig.Notify notify(InstanceEntity e) {
        return new InstanceConfig.Notify(e.notifyThresholdBreach, e.notifyScalingSuccess, e.notifyScalingFailure);
    }

    private static List<String> recipients(InstanceEntity e) {
        return splitRecipients(e.recipients);
    }

    static List<String> splitRecipients(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
