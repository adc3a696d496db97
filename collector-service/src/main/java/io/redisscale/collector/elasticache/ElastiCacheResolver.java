package io.redisscale.collector.elasticache;

import io.redisscale.collector.CollectorConfig;
import io.redisscale.collector.ProblemException;
import io.redisscale.elasticache.ElastiCacheClients;
import io.redisscale.elasticache.NodeTypes;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.elasticache.model.ElastiCacheException;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;

/**
 * Checks an elasticache registration with AWS, as the Heroku add-on and the Redis Cloud subscription are checked:
 * {@code DescribeReplicationGroups} tells the group's node type, which is the plan it is on. A group AWS does not
 * know, a refusal (no permission), or no credentials or answer at all are a 422 that says which, and nothing is stored.
 */
@ApplicationScoped
public class ElastiCacheResolver {
    private final ElastiCacheClients clients;

    ElastiCacheResolver(CollectorConfig config) {
        this.clients = new ElastiCacheClients(config.elasticacheEndpoint(), java.time.Duration.ofSeconds(15));
    }

    /** The catalog plan the group is on now. */
    public String plan(String replicationGroupId, String region) {
        try {
            ReplicationGroup g = clients.in(region).describeReplicationGroups(r -> r.replicationGroupId(replicationGroupId))
                    .replicationGroups().get(0);
            return NodeTypes.plan(region, g.cacheNodeType());
        } catch (ReplicationGroupNotFoundException e) {
            throw ProblemException.unprocessable("replicationGroupId", "ElastiCache has no replication group '" + replicationGroupId + "' in " + region);
        } catch (ElastiCacheException e) {
            String code = e.awsErrorDetails() == null ? String.valueOf(e.statusCode()) : e.awsErrorDetails().errorCode();
            throw ProblemException.unprocessable("replicationGroupId", "ElastiCache refused to describe the group (" + code + "): "
                    + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage())
                    + "; the collector needs elasticache:DescribeReplicationGroups (docs/providers.md)");
        } catch (SdkClientException e) {
            throw ProblemException.unprocessable("region", "the ElastiCache API of " + region + " could not be asked: " + e.getMessage()
                    + "; give the collector AWS credentials (the default chain), or register with ?validate=false");
        }
    }


    @PreDestroy
    void close() {
        clients.close();
    }
}
