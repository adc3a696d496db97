package io.redisscale.collector.registry;

import io.quarkus.scheduler.Scheduled;
import io.redisscale.runtime.Keyring;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A key rotation's second half: once AUTOSCALER_SECRET_KEY is the new key and AUTOSCALER_SECRET_KEYS_OLD holds
 * the old one, re-seals every stored Redis URL under the new key in the background, a page per transaction,
 * each instance published anew so the actuator's copy follows. {@link #status} says when no value needs an
 * old key any more, and the old key may go.
 */
@ApplicationScoped
public class Resealer {
    private static final Logger LOG = Logger.getLogger(Resealer.class);
    static final int PAGE = 200;

    /** How many stored URLs each key seals, and which key is current. */
    public record Status(String currentKeyId, Map<String, Long> sealedByKey, long underOldKeys) {}

    private final Instances instances;
    private final Keyring keys;

    Resealer(Instances instances, Keyring keys) {
        this.instances = instances;
        this.keys = keys;
    }

    @Scheduled(every = "${collector.reseal-interval:10m}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (status().underOldKeys() > 0) {
            resealAll();
        }
    }

    /** Re-seals every URL an old key sealed; returns how many values remain under other keys (unreadable ones). */
    public long resealAll() {
        UUID after = null;
        do {
            after = instances.reseal(after, PAGE);
        } while (after != null);
        long left = status().underOldKeys();
        LOG.infof("re-sealed the stored Redis URLs under key %s; %d remain under other keys", keys.current().id(), left);
        return left;
    }

    public Status status() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = InstanceEntity.getEntityManager().createNativeQuery(
                "SELECT CASE WHEN redis_url_sealed LIKE 'v2:%' THEN split_part(redis_url_sealed, ':', 2) ELSE 'legacy' END, count(*) "
                        + "FROM instance WHERE redis_url_sealed IS NOT NULL GROUP BY 1 ORDER BY 1").getResultList();
        Map<String, Long> byKey = new LinkedHashMap<>();
        long old = 0;
        for (Object[] r : rows) {
            long n = ((Number) r[1]).longValue();
            byKey.put((String) r[0], n);
            old += keys.current().id().equals(r[0]) ? 0 : n;
        }
        return new Status(keys.current().id(), byKey, old);
    }
}
