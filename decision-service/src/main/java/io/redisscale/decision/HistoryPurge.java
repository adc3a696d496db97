package io.redisscale.decision;

import io.redisscale.decision.state.InstanceState;
import io.redisscale.decision.state.InstanceStates;
import io.redisscale.decision.state.SampleStore;
import io.redisscale.decision.state.Windows;
import io.quarkus.scheduler.Scheduled;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Topics;
import io.redisscale.runtime.Replica;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps the decision service bounded: decisions older than {@code decision.keep-decisions-for} go, and
 * so do the state row, window and daily profile of an instance that is deleted (gone from the instances
 * topic and silent for longer than the stored samples reach).
 */
@ApplicationScoped
class HistoryPurge {
    private static final Logger LOG = Logger.getLogger(HistoryPurge.class);
    private final DecisionConfig config;
    private final Replica replica;
    private final Windows windows;
    private final Clock clock;
    private final InstanceStates states;

    HistoryPurge(DecisionConfig config, Replica replica, Windows windows, Clock clock, InstanceStates states) {
        this.config = config;
        this.states = states;
        this.replica = replica;
        this.windows = windows;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "10m")
    void scheduled() {
        purge();
    }

    /** Returns the decisions and deleted instances purged. */
    @Transactional
    long[] purge() {
        Instant now = clock.instant();
        long decisions = DecisionEntity.delete("at < ?1", now.minus(config.keepDecisionsFor()));
        List<InstanceState> silent = states.silentSince(now.minus(SampleStore.RETENTION));
        long gone = 0;
        for (InstanceState s : silent) {
            if (!known(s.instanceId)) {
                states.delete(s.instanceId);
                windows.forget(s.instanceId);
                gone++;
            }
        }
        for (UUID held : windows.held()) {
            if (!known(held)) {
                windows.forget(held);
            }
        }
        if (decisions + gone > 0) {
            LOG.infof("purged %d decisions and the state of %d deleted instances", decisions, gone);
        }
        return new long[] {decisions, gone};
    }

    private boolean known(UUID id) {
        return replica.get(Topics.INSTANCES, id.toString(), InstanceConfig.class).isPresent();
    }
}
