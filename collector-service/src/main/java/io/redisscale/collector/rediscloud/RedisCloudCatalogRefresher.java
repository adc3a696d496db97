package io.redisscale.collector.rediscloud;

import io.quarkus.scheduler.Scheduled;
import io.redisscale.collector.ProblemException;
import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.rediscloud.RedisCloudKeys;
import io.redisscale.runtime.Keyring;
import io.redisscale.runtime.SealedSecret;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Keeps the Redis Cloud catalogs current between registrations: every {@code COLLECTOR_REDISCLOUD_CATALOG_REFRESH}
 * (6 h) each subscription's catalog is read again through {@link RedisCloudResolver} with the keys of an instance on
 * it (Essentials: its region's plans; Pro: the database's sizes at the subscription's price per GB), and plans that
 * changed are stored and published. One read per subscription and database; a refusal is logged and the catalog
 * kept as it was.
 */
@ApplicationScoped
public class RedisCloudCatalogRefresher {
    private static final Logger LOG = Logger.getLogger(RedisCloudCatalogRefresher.class);

    private final RedisCloudResolver resolver;
    private final SealedSecret sealer;

    RedisCloudCatalogRefresher(RedisCloudResolver resolver, Keyring keys) {
        this.resolver = resolver;
        this.sealer = new SealedSecret(keys);
    }

    @Scheduled(every = "${collector.rediscloud-catalog-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        refresh();
    }

    /** Reads every subscription's catalog again; how many were read. */
    public int refresh() {
        List<InstanceEntity> instances = InstanceEntity.list("provider = 'rediscloud' and credentialsSealed is not null");
        Set<String> read = new HashSet<>();
        for (InstanceEntity e : instances) {
            if (!read.add(e.subscriptionId + "/" + e.databaseId)) {
                continue;
            }
            try {
                resolver.resolve(e.subscriptionId, e.databaseId, RedisCloudKeys.fromJson(sealer.open(e.credentialsSealed)));
            } catch (ProblemException | IllegalStateException | IllegalArgumentException refused) {
                LOG.warnf("the Redis Cloud catalog of subscription %s (instance %s) was not refreshed: %s", e.subscriptionId, e.name,
                        refused.getMessage());
            }
        }
        return read.size();
    }
}
