package io.redisscale.collector.heroku;

import io.redisscale.collector.CollectorConfig;
import io.redisscale.collector.polling.Ownership;
import io.redisscale.collector.polling.PollScheduler;
import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.collector.registry.Instances;
import io.redisscale.heroku.HerokuAddons;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Reads each Heroku add-on's plan now and then, and soon after every outcome, so the recorded plan
 * follows changes made by hand. Reads are spread over the interval and fit the hourly budget.
 */
@ApplicationScoped
class HerokuPlanRefresher {
    private static final Logger LOG = Logger.getLogger(HerokuPlanRefresher.class);

    private final HerokuResolver heroku;
    private final HerokuBudget budget;
    private final Instances instances;
    private final CollectorConfig config;
    private final Clock clock;
    private final Ownership ownership;
    private final Map<UUID, Instant> nextRead = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> lastRead = new ConcurrentHashMap<>();
    private final Instant startedAt;

    HerokuPlanRefresher(HerokuResolver heroku, HerokuBudget budget, Instances instances, CollectorConfig config,
                        Clock clock, Ownership ownership) {
        this.heroku = heroku;
        this.budget = budget;
        this.instances = instances;
        this.config = config;
        this.clock = clock;
        this.ownership = ownership;
        this.startedAt = clock.instant();
    }

    @Scheduled(every = "${collector.heroku-refresh-tick:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        if (config.herokuApiKey().filter(k -> !k.isBlank()).isEmpty()) {
            return;
        }
        List<InstanceEntity> addons = InstanceEntity.list("provider = 'heroku' and addonId is not null");
        addons.removeIf(e -> !ownership.owns(e.id));
        Duration interval = HerokuBudget.refreshInterval(addons.size(), config.herokuPlanRefresh(), config.herokuHourlyCalls());
        Instant now = clock.instant();
        Set<UUID> live = ConcurrentHashMap.newKeySet();
        for (InstanceEntity e : addons) {
            live.add(e.id);
            // A newcomer takes its turn somewhere in the interval, so reads do not bunch.
            Instant due = nextRead.computeIfAbsent(e.id,
                    id -> now.plusMillis(PollScheduler.phase(id, (int) Math.max(1, interval.toSeconds())) * 10));
            // After an outcome (recorded by whichever replica got it) the plan is read at once.
            // Outcomes from before this replica started are not followed, so a restart reads nothing in a burst.
            Instant readAt = lastRead.computeIfAbsent(e.id, id -> startedAt);
            boolean afterOutcome = e.lastOutcomeAt != null && readAt.isBefore(e.lastOutcomeAt);
            if (due.isAfter(now) && !afterOutcome) {
                continue;
            }
            if (!budget.mayCall(HerokuBudget.Use.PLAN_REFRESH)) {
                return; // the rest wait for the next round
            }
            nextRead.put(e.id, now.plus(interval));
            lastRead.put(e.id, e.lastOutcomeAt != null && e.lastOutcomeAt.isAfter(now) ? e.lastOutcomeAt : now);
            read(e);
        }
        nextRead.keySet().retainAll(live);
        lastRead.keySet().retainAll(live);
    }

    private void read(InstanceEntity e) {
        try {
            HerokuAddons.Addon addon = heroku.addon(e.herokuApp, e.addonId);
            if (!addon.plan().equals(e.plan)) {
                LOG.infof("%s is on %s at Heroku, not %s: recording the change made outside the autoscaler",
                        e.name, addon.plan(), e.plan);
                instances.planChanged(e.id, addon.plan());
            }
        } catch (RuntimeException failure) {
            LOG.warnf("cannot read the add-on of %s: %s", e.name, failure.getMessage());
        }
    }
}
