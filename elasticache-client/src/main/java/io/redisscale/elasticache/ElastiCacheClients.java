package io.redisscale.elasticache;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * The ElastiCache API, one client per region: the default credential chain (environment, IRSA or the instance's
 * role, {@code ~/.aws}), the JDK's HTTP client, the SDK's own retries of throttling and 5xx; {@code endpoint} replaces
 * AWS's regional endpoint (a stand-in, LocalStack). Closed with its owner.
 */
public final class ElastiCacheClients implements AutoCloseable {
    private final Optional<String> endpoint;
    private final Map<String, ElastiCacheClient> clients = new ConcurrentHashMap<>();

    public ElastiCacheClients(Optional<String> endpoint) {
        this.endpoint = endpoint.filter(e -> !e.isBlank());
    }

    public ElastiCacheClient in(String region) {
        return clients.computeIfAbsent(region, r -> {
            var builder = ElastiCacheClient.builder().region(Region.of(r)).httpClientBuilder(UrlConnectionHttpClient.builder());
            endpoint.ifPresent(e -> builder.endpointOverride(URI.create(e)));
            return builder.build();
        });
    }

    @Override
    public void close() {
        clients.values().forEach(ElastiCacheClient::close);
    }
}
