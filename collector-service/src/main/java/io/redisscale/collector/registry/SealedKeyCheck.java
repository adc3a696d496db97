package io.redisscale.collector.registry;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * At start-up, says in one line when stored Redis URLs cannot be opened with this AUTOSCALER_SECRET_KEY
 * (another deployment sealed them, or the key changed): those instances are marked when polled, the
 * others run as usual. {@code ./autoscaler up} prints this line.
 */
@ApplicationScoped
class SealedKeyCheck {
    static final String MESSAGE = "sealed with another AUTOSCALER_SECRET_KEY";
    private static final Logger LOG = Logger.getLogger(SealedKeyCheck.class);
    private final Instances instances;

    SealedKeyCheck(Instances instances) {
        this.instances = instances;
    }

    @Transactional
    void onStart(@Observes StartupEvent event) {
        List<String> unreadable = InstanceEntity.<InstanceEntity>list("redisUrlSealed is not null").stream()
                .filter(e -> {
                    try {
                        instances.redisUrl(e);
                        return false;
                    } catch (IllegalStateException wrongKey) {
                        return true;
                    }
                }).map(e -> e.name).toList();
        if (!unreadable.isEmpty()) {
            LOG.warnf("%d instance(s) %s (%s): restore that key, or delete and register them again with their URL",
                    unreadable.size(), MESSAGE, String.join(", ", unreadable.subList(0, Math.min(5, unreadable.size())))
                            + (unreadable.size() > 5 ? ", ..." : ""));
        }
    }
}
