package io.redisscale.collector.rediscloud;

import io.redisscale.collector.ProblemException;
import io.redisscale.collector.plans.PlanCatalogs;
import io.redisscale.events.Plan;
import io.redisscale.rediscloud.Essentials;
import io.redisscale.rediscloud.RedisCloudAnswer;
import io.redisscale.rediscloud.RedisCloudApi;
import io.redisscale.rediscloud.RedisCloudKeys;
import io.redisscale.runtime.api.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Checks a rediscloud registration against Redis Cloud, as the Heroku add-on is checked: the keys open the
 * subscription ({@code GET /fixed/subscriptions/{id}}), which tells its plan, cloud and region; the Essentials plans
 * of that region ({@code GET /fixed/plans}) become the instance's catalog, kept current at every registration. Every
 * failure is a 422 that says what is wrong, so nothing is stored.
 */
@ApplicationScoped
public class RedisCloudResolver {
    /** What Redis Cloud says: the subscription and the plans of its region. */
    public record Resolved(Essentials.Subscription subscription, List<Plan> plans) {}

    private final RedisCloudApi api;
    private final PlanCatalogs catalogs;

    RedisCloudResolver(@RestClient RedisCloudApi api, PlanCatalogs catalogs) {
        this.api = api;
        this.catalogs = catalogs;
    }

    /** Asks Redis Cloud and stores (and publishes) the plans of the subscription's region. */
    public Resolved resolve(String subscriptionId, RedisCloudKeys keys) {
        RedisCloudAnswer sub = RedisCloudAnswer.exchange(() -> api.fixedSubscription(keys.apiKey(), keys.secretKey(), subscriptionId));
        refuseUnless(sub, "subscriptionId", "Redis Cloud has no Essentials subscription " + subscriptionId + " under these keys");
        Essentials.Subscription s = Essentials.Subscription.of(read(sub));
        RedisCloudAnswer plans = RedisCloudAnswer.exchange(() -> api.fixedPlans(keys.apiKey(), keys.secretKey(), s.provider()));
        refuseUnless(plans, "subscriptionId", "Redis Cloud's plans could not be read");
        List<Plan> regional = Essentials.plans(read(plans), s.provider(), s.region());
        if (regional.stream().noneMatch(p -> p.name().equals(s.plan()))) {
            throw refuse("subscriptionId", "the subscription's plan " + s.planId() + " is not among the Essentials plans of "
                    + s.provider() + " " + s.region());
        }
        catalogs.store(regional);
        return new Resolved(s, regional);
    }

    private static void refuseUnless(RedisCloudAnswer a, String field, String notFound) {
        switch (a.status()) {
            case 200 -> { }
            case 0 -> throw refuse(field, "the Redis Cloud API could not be reached: " + a.message());
            case 401, 403 -> throw refuse("credentials", "Redis Cloud refused the keys (" + a.status() + "): " + a.message()
                    + "; use the account key and a user key with access to the subscription, from an allowed address");
            case 404 -> throw refuse(field, notFound);
            case 429 -> throw new ProblemException(503, "Service Unavailable", "the Redis Cloud API rate limit was reached; try again in a minute",
                    List.of());
            default -> throw refuse(field, "Redis Cloud answered " + a.status() + ": " + a.message());
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode read(RedisCloudAnswer a) {
        try {
            return a.json();
        } catch (IllegalStateException e) {
            throw refuse("subscriptionId", "the Redis Cloud API answered something unreadable");
        }
    }

    private static ProblemException refuse(String field, String message) {
        return new ProblemException(422, "Unprocessable Content", message, List.of(new Problem.FieldError(field, message)));
    }
}
