package io.redisscale.collector.polling;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Shows which partitions of the instances this replica polls (operators and the replica test read it). */
@Liveness
@ApplicationScoped
class OwnershipHealth implements HealthCheck {
    private final KafkaOwnership ownership;

    OwnershipHealth(KafkaOwnership ownership) {
        this.ownership = ownership;
    }

    @Override
    public HealthCheckResponse call() {
        String partitions = new TreeSet<>(ownership.ownedPartitions()).stream().map(String::valueOf)
                .collect(Collectors.joining(","));
        return HealthCheckResponse.named("instance-ownership").up().withData("partitions", partitions).build();
    }
}
