package io.redisscale.elasticache;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;

/**
 * The ElastiCache API, one client per region: the default credential chain (environment, IRSA or the instance's
 * role, {@code ~/.aws}), the JDK's HTTP client, the SDK's own retries of throttling and 5xx; {@code endpoint} replaces
 * AWS's regional endpoint (a stand-in, LocalStack). {@link #once} gives clients that never retry, for a call that
 * must not be sent twice without first reading what the last one did. Closed with its owner.
 */
public final class ElastiCacheClients implements AutoCloseable {
    private final Optional<String> endpoint;
    private final Duration callTimeout;
    private final Map<String, ElastiCacheClient> clients = new ConcurrentHashMap<>();
    private final Map<String, ElastiCacheClient> once = new ConcurrentHashMap<>();

    /** @param callTimeout how long one attempt of a call may take before it counts as unanswered */
    public ElastiCacheClients(Optional<String> endpoint, Duration callTimeout) {
        this.endpoint = endpoint.filter(e -> !e.isBlank());
        this.callTimeout = callTimeout;
    }

    public ElastiCacheClient in(String region) {
        return clients.computeIfAbsent(region, r -> build(r, false));
    }

    /** A client of the region whose calls are tried once: the caller decides whether and when to try again. */
    public ElastiCacheClient once(String region) {
        return once.computeIfAbsent(region, r -> build(r, true));
    }

    private ElastiCacheClient build(String region, boolean once) {
        var builder = ElastiCacheClient.builder().region(Region.of(region)).httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(o -> {
                    o.apiCallAttemptTimeout(callTimeout);
                    if (once) {
                        o.retryStrategy(AwsRetryStrategy.doNotRetry());
                    }
                });
        endpoint.ifPresent(e -> builder.endpointOverride(URI.create(e)));
        return builder.build();
    }

    @Override
    public void close() {
        clients.values().forEach(ElastiCacheClient::close);
        once.values().forEach(ElastiCacheClient::close);
    }
}
