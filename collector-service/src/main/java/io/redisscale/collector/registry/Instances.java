package io.redisscale.collector.registry;

import io.redisscale.collector.CollectorConfig;
import io.redisscale.collector.ProblemException;
import io.redisscale.collector.heroku.HerokuResolver;
import io.redisscale.collector.plans.PlanEntity;
import io.redisscale.collector.polling.SampleEntity;
import io.redisscale.collector.savings.Ledger;
import io.redisscale.runtime.api.Problem;
import io.redisscale.heroku.HerokuAddons;
import io.redisscale.rediscloud.RedisCloudKeys;
import com.fasterxml.jackson.databind.JsonNode;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.runtime.SealedSecret;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
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
    private final io.redisscale.collector.rediscloud.RedisCloudResolver redisCloud;
    private final io.redisscale.collector.elasticache.ElastiCacheResolver elastiCache;
    private final io.redisscale.runtime.RedisTargets targets;

    public Instances(Outbox outbox, Clock clock, CollectorConfig config, HerokuResolver heroku,
                     io.redisscale.collector.rediscloud.RedisCloudResolver redisCloud,
                     io.redisscale.collector.elasticache.ElastiCacheResolver elastiCache, io.redisscale.runtime.RedisTargets targets,
                     io.redisscale.runtime.Keyring keys) {
        this.heroku = heroku;
        this.redisCloud = redisCloud;
        this.elastiCache = elastiCache;
        this.targets = targets;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
        this.sealer = new SealedSecret(keys);
    }

    /** Registers an instance; {@code validate} asks Heroku for a heroku instance's add-on first. */
    @Transactional
    public InstanceEntity create(InstanceRequest request, boolean validate) {
        Registration reg = checked(request, validate);
        requireUniqueName(reg.settings().name(), null);
        InstanceEntity e = new InstanceEntity();
        e.id = UUID.randomUUID();
        e.createdAt = clock.instant();
        apply(e, reg);
        e.persist();
        flushUnique(reg.settings().name());
        publish(e);
        return e;
    }

    /** A registration racing another of the same name meets the unique index: 409 as for a taken name, not 500. */
    private static void flushUnique(String name) {
        try {
            InstanceEntity.flush();
        } catch (jakarta.persistence.PersistenceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                    throw new ProblemException(409, "Conflict", "an instance named '" + name + "' exists already",
                            List.of(new Problem.FieldError("name", "is taken")));
                }
            }
            throw e;
        }
    }

    /** Replaces every setting ({@code PUT}): a field left out is an error, never a reset to its default. */
    @Transactional
    public InstanceEntity replace(UUID id, InstanceRequest request, boolean validate) {
        RegistrationRules.requireComplete(request);
        return update(find(id), request, validate);
    }

    /**
     * Changes the settings a JSON merge patch (RFC 7396) names ({@code PATCH}); the rest, the Redis
     * URL's password included, stays as it is. A field set to null goes back to its default.
     */
    @Transactional
    public InstanceEntity patch(UUID id, JsonNode mergePatch, boolean validate) {
        InstanceEntity e = find(id);
        InstanceRequest current = InstanceMapper.settings(e, redisUrl(e), credentials(e));
        return update(e, JsonMergePatch.apply(current, mergePatch, InstanceRequest.class), validate);
    }

    private InstanceEntity update(InstanceEntity e, InstanceRequest request, boolean validate) {
        Registration reg = checked(request, validate);
        requireUniqueName(reg.settings().name(), e.id);
        apply(e, reg);
        flushUnique(reg.settings().name());
        publish(e);
        return e;
    }

    /** What applying a declared fleet does, or would do: each instance created, updated (which settings), unchanged or deleted. */
    public record Applied(boolean dryRun, List<Change> changes) {
        public record Change(String name, String action, List<String> fields) {}
    }

    /**
     * Makes the fleet what {@code declared} says (instances as code), all or nothing: an instance not registered yet
     * is registered, one whose settings differ is updated (its current plan is the autoscaler's to change, never the
     * file's), and with {@code prune} one not declared is deleted. {@code dryRun} checks everything and changes
     * nothing. A refused entry is a problem naming {@code instances[N].field}, and nothing is applied.
     */
    @Transactional
    public Applied apply(List<InstanceRequest> declared, boolean prune, boolean dryRun, boolean validate) {
        List<Applied.Change> changes = new java.util.ArrayList<>();
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < declared.size(); i++) {
            InstanceRequest r = declared.get(i);
            names.add(r.name());
            try {
                InstanceEntity existing = InstanceEntity.find("name", r.name()).firstResult();
                if (existing == null) {
                    if (dryRun) {
                        checked(r, validate);
                    } else {
                        create(r, validate);
                    }
                    changes.add(new Applied.Change(r.name(), "create", List.of()));
                    continue;
                }
                InstanceRequest wanted = r.withPlan(existing.plan);
                InstanceRequest filled = checked(wanted, validate).settings();
                List<String> differ = differences(InstanceMapper.settings(existing, redisUrl(existing), credentials(existing)), filled);
                if (differ.isEmpty()) {
                    changes.add(new Applied.Change(r.name(), "unchanged", List.of()));
                } else {
                    if (!dryRun) {
                        update(existing, wanted, validate);
                    }
                    changes.add(new Applied.Change(r.name(), "update", differ));
                }
            } catch (ProblemException p) {
                throw p.at("instances[" + i + "]", r.name());
            }
        }
        if (prune) {
            for (InstanceEntity e : InstanceEntity.<InstanceEntity>list("order by name")) {
                if (!names.contains(e.name)) {
                    if (!dryRun) {
                        delete(e.id);
                    }
                    changes.add(new Applied.Change(e.name, "delete", List.of()));
                }
            }
        }
        return new Applied(dryRun, changes);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper SETTINGS_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The settings two forms of an instance differ in, by name (values never shown: some are secrets). */
    private static List<String> differences(InstanceRequest current, InstanceRequest wanted) {
        JsonNode a = SETTINGS_JSON.valueToTree(current);
        JsonNode b = SETTINGS_JSON.valueToTree(wanted);
        List<String> differ = new java.util.ArrayList<>();
        a.fieldNames().forEachRemaining(f -> {
            if (!a.get(f).equals(b.get(f))) {
                differ.add(f);
            }
        });
        return differ;
    }

    /** Every instance in the file's shape, by name ({@link InstanceFile#write}); secrets stay references. */
    @Transactional
    public String export() {
        return InstanceFile.write(InstanceEntity.<InstanceEntity>list("order by name").stream()
                .map(e -> InstanceMapper.settings(e, e.redisUrlDisplay,
                        e.credentialsSealed == null ? null : new RedisCloudKeys("sealed", "sealed")))
                .toList());
    }

    @Transactional
    public void delete(UUID id) {
        InstanceEntity e = find(id);
        SampleEntity.delete("instanceId", id);
        e.delete();
        outbox.tombstone(Topics.INSTANCES, id.toString());
        changed();
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
        return e.redisUrlSealed == null ? null : openUrl(e.redisUrlSealed);
    }

    /** A sealed Redis URL opened with this deployment's key. */
    public String openUrl(String sealed) {
        return sealer.open(sealed);
    }

    /**
     * Re-seals under the current key the stored URLs (and provider keys) of the instances after {@code after} (by id, at most
     * {@code limit}) that an old key sealed, and publishes each such instance anew so that every service's
     * copy follows. One a key of the ring cannot open is left as it is. Returns the last id looked at, or
     * null when there are no more.
     */
    @Transactional
    public UUID reseal(UUID after, int limit) {
        List<InstanceEntity> page = InstanceEntity.<InstanceEntity>find(
                "redisUrlSealed is not null and id > ?1 order by id", after == null ? new UUID(0, 0) : after)
                .page(0, limit).list();
        boolean resealed = false;
        for (InstanceEntity e : page) {
            boolean url = !sealer.sealedUnderCurrentKey(e.redisUrlSealed);
            boolean keys = e.credentialsSealed != null && !sealer.sealedUnderCurrentKey(e.credentialsSealed);
            if (url || keys) {
                try {
                    e.redisUrlSealed = url ? sealer.seal(sealer.open(e.redisUrlSealed)) : e.redisUrlSealed;
                    e.credentialsSealed = keys ? sealer.seal(sealer.open(e.credentialsSealed)) : e.credentialsSealed;
                } catch (IllegalStateException unreadable) {
                    continue; // SealedKeyCheck names it; polling marks it
                }
                outbox.add(Topics.INSTANCES, e.id.toString(), InstanceMapper.toEvent(e));
                resealed = true;
            }
        }
        if (resealed) {
            changed(); // once a page: every replica re-reads its poll targets after this commits
        }
        return page.size() < limit ? null : page.get(page.size() - 1).id;
    }

    /** The views of {@code page}, their last samples read in one query. */
    public List<InstanceView> toViews(List<InstanceEntity> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        // The newest sample of each is never packed (SamplePacker): one index probe each in sample_recent.
        List<SampleEntity> last = SampleEntity.getEntityManager().createNativeQuery("SELECT DISTINCT ON (instance_id) * FROM sample_recent "
                + "WHERE instance_id = ANY(cast(?1 as uuid[])) ORDER BY instance_id, at DESC", SampleEntity.class)
                .setParameter(1, page.stream().map(e -> e.id).toArray(UUID[]::new)).getResultList();
        java.util.Map<UUID, SampleEntity> byInstance = new java.util.HashMap<>();
        last.forEach(s -> byInstance.put(s.instanceId, s));
        return page.stream().map(e -> InstanceMapper.toView(e, byInstance.get(e.id))).toList();
    }

    public InstanceView toView(InstanceEntity e) {
        return InstanceMapper.toView(e, SampleEntity.find("instanceId = ?1 order by at desc", e.id).firstResult());
    }

    /**
     * Field checks first; then, when asked to validate, the provider: Heroku's add-on, Redis Cloud's subscription
     * (whose region's plans join the catalog before the plan rules read it), or ElastiCache's replication group.
     */
    private Registration checked(InstanceRequest request, boolean validate) {
        rules().checkFields(request);
        ProviderView seen = null;
        if (validate && "heroku".equals(request.provider())) {
            HerokuAddons.Addon addon = heroku.resolve(request.herokuApp(), request.configVar());
            seen = new ProviderView(addon.id(), addon.service(), addon.plan());
        } else if (validate && "rediscloud".equals(request.provider())) {
            var resolved = redisCloud.resolve(request.subscriptionId(), request.databaseId(), request.credentials());
            seen = new ProviderView(null, resolved.service(), resolved.plan());
        } else if (validate && "elasticache".equals(request.provider())) {
            seen = new ProviderView(null, io.redisscale.elasticache.NodeTypes.service(request.region()),
                    elastiCache.plan(request.replicationGroupId(), request.region()));
        }
        return rules().check(request, seen);
    }

    private void apply(InstanceEntity e, Registration reg) {
        String url = reg.settings().redisUrl();
        RedisCloudKeys keys = reg.settings().credentials();
        InstanceMapper.apply(reg, url == null ? null : sealer.seal(url), keys == null ? null : sealer.seal(keys.toJson()), e, clock.instant());
    }

    /** The instance's provider keys opened, for a merge patch to carry them over (null when it has none). */
    private RedisCloudKeys credentials(InstanceEntity e) {
        return e.credentialsSealed == null ? null : RedisCloudKeys.fromJson(sealer.open(e.credentialsSealed));
    }

    private void publish(InstanceEntity e) {
        outbox.add(Topics.INSTANCES, e.id.toString(), InstanceMapper.toEvent(e));
        Ledger.planFrom(e.id, e.plan, e.memoryThresholdPercent, e.connectionThresholdPercent, clock.instant());
        changed();
    }

    /** Every replica's poll targets are re-read once this commits ({@link PollScheduler}). */
    private static void changed() {
        InstanceEntity.getEntityManager().createNativeQuery("UPDATE instance_changes SET version = version + 1 WHERE id = 1")
                .executeUpdate();
    }

    /** How many times the instances' settings changed: poll targets read at one value stay right until it moves. */
    public static long changes() {
        return ((Number) InstanceEntity.getEntityManager().createNativeQuery("SELECT version FROM instance_changes WHERE id = 1")
                .getSingleResult()).longValue();
    }

    private RegistrationRules rules() {
        return new RegistrationRules(PlanEntity.catalog(), InstanceMapper.splitRecipients(config.defaultRecipients().orElse("")),
                config.metricRates(), targets);
    }

    private static void requireUniqueName(String name, UUID self) {
        InstanceEntity other = InstanceEntity.find("name", name).firstResult();
        if (other != null && !other.id.equals(self)) {
            throw new ProblemException(409, "Conflict", "an instance named '" + name + "' exists already",
                    List.of(new Problem.FieldError("name", "is taken")));
        }
    }
}
