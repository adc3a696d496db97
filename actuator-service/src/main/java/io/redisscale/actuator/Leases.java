package io.redisscale.actuator;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Leases on instances in the actuator's database, so that one actuator works on an instance at a time
 * whatever runs: two replicas, a new pod started before the old one stops, a consumer dropped after
 * {@code max.poll.interval} while its command still runs. The holder renews its leases every
 * {@code actuator.lease-heartbeat}; a lease not renewed for {@code actuator.lease-ttl} can be taken over,
 * and each new holder gets a higher fence number. Every stored step of a command checks the fence in its
 * own transaction ({@link #check}), so a holder that lost its lease stops at its next step, before its
 * next call to the provider. Expiry is the database's clock: the replicas' clocks may differ.
 */
@ApplicationScoped
class Leases {
    private static final Logger LOG = Logger.getLogger(Leases.class);

    /** A lease held: the instance, this process, and the fence number it was granted with. */
    record Lease(UUID instanceId, String owner, long fence) {}

    /** Another actuator holds the instance now: the step was not stored, and this run must stop. */
    static final class LeaseLost extends RuntimeException {
        LeaseLost(Lease lease) {
            super("lease on instance " + lease.instanceId() + " (fence " + lease.fence() + ") was taken over");
        }
    }

    private final String owner;
    private final ActuatorConfig config;
    private final Sleeper sleeper;
    private final Map<UUID, Lease> held = new ConcurrentHashMap<>();

    Leases(ActuatorConfig config, Sleeper sleeper) {
        this.config = config;
        this.sleeper = sleeper;
        // Unique per process, readable in the table: the host (the pod's name on Kubernetes) and a random tag.
        this.owner = System.getenv().getOrDefault("HOSTNAME", "actuator") + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Waits until the instance's lease is free (or expired), and takes it. */
    Lease acquire(UUID instanceId) {
        boolean logged = false;
        while (true) {
            Optional<Lease> lease = tryAcquire(instanceId);
            if (lease.isPresent()) {
                held.put(instanceId, lease.get());
                return lease.get();
            }
            if (!logged) {
                LOG.infof("instance %s is being changed by another actuator: waiting for its lease", instanceId);
                logged = true;
            }
            sleeper.sleep(config.leaseHeartbeat());
        }
    }

    /** The lease if no one holds it now; a new holder gets the next fence number. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<Lease> tryAcquire(UUID instanceId) {
        @SuppressWarnings("unchecked")
        List<Number> fence = Panache.getEntityManager().createNativeQuery("INSERT INTO instance_lease (instance_id, owner, fence, expires_at) "
                        + "VALUES (?1, ?2, 1, now() + ?3 * interval '1 millisecond') ON CONFLICT (instance_id) DO UPDATE "
                        + "SET owner = EXCLUDED.owner, fence = instance_lease.fence + 1, expires_at = EXCLUDED.expires_at "
                        + "WHERE instance_lease.expires_at < now() RETURNING fence")
                .setParameter(1, instanceId).setParameter(2, owner).setParameter(3, config.leaseTtl().toMillis()).getResultList();
        return fence.stream().findFirst().map(f -> new Lease(instanceId, owner, f.longValue()));
    }

    /**
     * Within the caller's transaction: the lease is still this holder's (same fence), renewed; the row stays
     * locked until that transaction ends, so no one takes the lease over while the step is stored.
     * Throws {@link LeaseLost} otherwise.
     */
    void check(Lease lease) {
        if (renew(lease) == 0) {
            held.remove(lease.instanceId(), lease);
            throw new LeaseLost(lease);
        }
    }

    /** Gives the lease up (a no-op when it was taken over meanwhile). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void release(Lease lease) {
        held.remove(lease.instanceId(), lease);
        Panache.getEntityManager().createNativeQuery("UPDATE instance_lease SET expires_at = '-infinity' "
                        + "WHERE instance_id = ?1 AND owner = ?2 AND fence = ?3")
                .setParameter(1, lease.instanceId()).setParameter(2, lease.owner()).setParameter(3, lease.fence()).executeUpdate();
    }

    /** Renews every lease this process holds, while its command runs (a stuck call, a long verification). */
    @Scheduled(every = "${actuator.lease-heartbeat}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void heartbeat() {
        for (Lease lease : held.values()) {
            if (renew(lease) == 0) {
                held.remove(lease.instanceId(), lease);
                LOG.warnf("lost the lease on instance %s to another actuator", lease.instanceId());
            }
        }
    }

    /** This process's name in the lease table. */
    String owner() {
        return owner;
    }

    private int renew(Lease lease) {
        return Panache.getEntityManager().createNativeQuery("UPDATE instance_lease SET expires_at = now() + ?4 * interval '1 millisecond' "
                        + "WHERE instance_id = ?1 AND owner = ?2 AND fence = ?3")
                .setParameter(1, lease.instanceId()).setParameter(2, lease.owner()).setParameter(3, lease.fence())
                .setParameter(4, config.leaseTtl().toMillis()).executeUpdate();
    }
}
