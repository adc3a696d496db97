package io.redisscale.actuator;

import io.redisscale.actuator.availability.Probe;
import io.redisscale.elasticache.ElastiCacheClients;
import io.redisscale.elasticache.NodeTypes;
import io.redisscale.events.InstanceConfig;
import io.redisscale.events.Plan;
import io.redisscale.events.ScaleCommand;
import io.redisscale.events.ScaleOutcome;
import io.redisscale.runtime.SealedSecret;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;
import software.amazon.awssdk.services.elasticache.model.ListAllowedNodeTypeModificationsResponse;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;

/**
 * Changes the node type of an ElastiCache (Redis OSS or Valkey) replication group: read the group first (a resumed
 * command sees what an earlier run did), check the target among {@code ListAllowedNodeTypeModifications}, send
 * {@code ModifyReplicationGroup} with {@code ApplyImmediately=true} once (without it the change waits for the
 * maintenance window), then read the group until it is {@code available} on the target and every member cluster is
 * available too (the group can say available while members still change). Reads are retried by the SDK; the
 * modification is sent by a client that does not retry ({@link ElastiCacheClients#once}), and after throttling, a 5xx
 * or no answer the group is read before any second one ({@link CallPolicy#judgeAws}), so it is applied once even when
 * its answer is lost. An error AWS names (InvalidParameterCombination, InsufficientCacheClusterCapacity, ...) is a
 * failed outcome with AWS's words. The API through {@link ElastiCacheClients} (ACTUATOR_ELASTICACHE_ENDPOINT for a stand-in).
 */
@ApplicationScoped
class ElastiCachePlanChanger implements PlanChanger {
    private final ActuatorConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SealedSecret sealer;
    private final ElastiCacheClients clients;

    private final CallPolicy policy;

    ElastiCachePlanChanger(ActuatorConfig config, Clock clock, Sleeper sleeper, io.redisscale.runtime.Keyring keys, CallPolicy policy) {
        this.config = config;
        this.policy = policy;
        this.clients = new ElastiCacheClients(config.elasticacheEndpoint(), config.elasticacheCallTimeout());
        this.clock = clock;
        this.sleeper = sleeper;
        this.sealer = new SealedSecret(keys);
    }

    @Override
    public InstanceConfig.Provider provider() {
        return InstanceConfig.Provider.elasticache;
    }

    @Override
    public Optional<Probe.Endpoint> endpoint(InstanceConfig instance) {
        return Probe.Endpoint.sealed(sealer, instance);
    }

    @Override
    public Result change(InstanceConfig instance, ScaleCommand command, Plan target, AttemptLog log) {
        ElastiCacheClient aws = clients.in(instance.region());
        String group = instance.replicationGroupId();
        String to = NodeTypes.nodeType(command.toPlan());
        String from = NodeTypes.nodeType(command.fromPlan());
        try {
            ReplicationGroup before = describe(aws, group, log);
            boolean sentBefore = log.changedAt().isPresent();
            if (to.equals(before.cacheNodeType()) && !sentBefore && "available".equals(before.status())) {
                return Result.succeeded("already on " + to + ": nothing done");
            }
            if (!to.equals(before.cacheNodeType()) && !sentBefore) {
                if (!from.equals(before.cacheNodeType())) {
                    return Result.skipped(ScaleOutcome.SkipReason.changed_by_hand, "the group is on " + before.cacheNodeType()
                            + ", neither " + from + " nor " + to + ": changed by hand");
                }
                ListAllowedNodeTypeModificationsResponse allowed = aws.listAllowedNodeTypeModifications(r -> r.replicationGroupId(group));
                List<String> ways = new java.util.ArrayList<>(allowed.scaleUpModifications());
                ways.addAll(allowed.scaleDownModifications());
                log.record("ListAllowedNodeTypeModifications", "up " + allowed.scaleUpModifications() + ", down " + allowed.scaleDownModifications());
                if (!ways.contains(to)) {
                    return Result.failed("ElastiCache does not allow " + group + " to move from " + from + " to " + to
                            + " (allowed: " + ways + ")");
                }
                Optional<Result> refused = modify(instance.region(), aws, group, to, log);
                if (refused.isPresent()) {
                    return refused.get();
                }
                log.changed();
            }
            Instant changedAt = log.changedAt().orElseGet(log::changed);
            Instant deadline = log.by(changedAt.plus(config.verifyTimeout()));
            while (true) {
                ReplicationGroup now = describe(aws, group, log);
                if (to.equals(now.cacheNodeType()) && "available".equals(now.status()) && membersAvailable(aws, now, log)) {
                    return Result.succeeded("replication group " + group + " available on " + to);
                }
                if (clock.instant().isAfter(deadline)) {
                    return Result.failed("not verified within " + Duration.between(changedAt, deadline).toSeconds() + " s: group "
                            + now.status() + " on " + now.cacheNodeType());
                }
                sleeper.sleep(config.verifyInterval());
            }
        } catch (ElastiCacheException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            log.record("ElastiCache", "error " + code + ": " + e.getMessage());
            return Result.failed("ElastiCache refused the change (" + code + "): "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage()));
        } catch (SdkException e) { // retried by the SDK already: no answer, or 5xx past its retries
            log.record("ElastiCache", "no answer: " + e.getMessage());
            return Result.failed("ElastiCache did not answer: " + e.getMessage());
        }
    }

    /**
     * Sends the modification once (a client that does not retry by itself); after throttling, a 5xx or no answer,
     * the group is read before any second one: modifying, or on the target already, means the last one was taken.
     * Empty once taken; a failed result when AWS refused it or the retry deadline passed.
     */
    private Optional<Result> modify(String region, ElastiCacheClient aws, String group, String to, AttemptLog log) {
        Instant deadline = log.by(clock.instant().plus(config.retryDeadline()));
        log.changing();
        for (int attempt = 1; ; attempt++) {
            int status;
            String code = "";
            String message;
            try {
                ReplicationGroup modifying = clients.once(region).modifyReplicationGroup(r -> r.replicationGroupId(group)
                        .cacheNodeType(to).applyImmediately(true)).replicationGroup();
                log.record("ModifyReplicationGroup " + to, "status " + modifying.status());
                return Optional.empty();
            } catch (ElastiCacheException e) {
                status = e.statusCode();
                code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
                message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            } catch (SdkClientException e) { // no answer: taken or not, the group will tell
                status = 0;
                message = e.getMessage();
            }
            CallPolicy.Verdict v = policy.judgeAws(status, code, message, attempt, clock.instant(), deadline);
            log.record("ModifyReplicationGroup " + to, (status == 0 ? "no answer" : status + " " + code) + " → " + v.reason());
            if (v.action() == CallPolicy.Action.FAIL) {
                return Optional.of(Result.failed(v.reason()));
            }
            sleeper.sleep(v.pause());
            ReplicationGroup now = describe(aws, group, log);
            if (to.equals(now.cacheNodeType()) || !"available".equals(now.status())) {
                return Optional.empty(); // the modification that seemed to fail went through
            }
        }
    }

    private static ReplicationGroup describe(ElastiCacheClient aws, String group, AttemptLog log) {
        ReplicationGroup g = aws.describeReplicationGroups(r -> r.replicationGroupId(group)).replicationGroups().get(0);
        log.record("DescribeReplicationGroups", g.status() + " on " + g.cacheNodeType());
        return g;
    }

    /** Every member cluster available and on the group's node type. */
    private static boolean membersAvailable(ElastiCacheClient aws, ReplicationGroup group, AttemptLog log) {
        for (String member : group.memberClusters()) {
            CacheCluster c = aws.describeCacheClusters(r -> r.cacheClusterId(member)).cacheClusters().get(0);
            if (!"available".equals(c.cacheClusterStatus()) || !group.cacheNodeType().equals(c.cacheNodeType())) {
                log.record("DescribeCacheClusters " + member, c.cacheClusterStatus() + " on " + c.cacheNodeType());
                return false;
            }
        }
        return true;
    }

    @PreDestroy
    void close() {
        clients.close();
    }
}
