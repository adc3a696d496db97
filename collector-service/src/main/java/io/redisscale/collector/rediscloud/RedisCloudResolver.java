package io.redisscale.collector.rediscloud;

import io.redisscale.collector.ProblemException;
import io.redisscale.collector.plans.PlanCatalogs;
import io.redisscale.events.Plan;
import io.redisscale.rediscloud.Essentials;
import io.redisscale.rediscloud.Pro;
import io.redisscale.rediscloud.RedisCloudAnswer;
import io.redisscale.rediscloud.RedisCloudApi;
import io.redisscale.rediscloud.RedisCloudKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Checks a rediscloud registration against Redis Cloud, as the Heroku add-on is checked. Essentials: the keys open the
 * subscription ({@code GET /fixed/subscriptions/{id}}), which tells its plan, cloud and region; the Essentials plans
 * of that region ({@code GET /fixed/plans}) become the instance's catalog. Pro (a database id given): the database
 * ({@code GET /subscriptions/{id}/databases/{databaseId}}) tells its size; the subscription's pricing
 * ({@code GET /subscriptions/{id}}) its price per GB; the sizes of {@link Pro#plans} become the catalog. Kept current
 * at every registration. Every failure is a 422 that says what is wrong, so nothing is stored.
 */
@ApplicationScoped
public class RedisCloudResolver {
    /** What Redis Cloud says: the service of the instance's plans, the plan it is on, and that service's plans. */
    public record Resolved(String service, String plan, List<Plan> plans) {}

    private final RedisCloudApi api;
    private final PlanCatalogs catalogs;

    RedisCloudResolver(@RestClient RedisCloudApi api, PlanCatalogs catalogs) {
        this.api = api;
        this.catalogs = catalogs;
    }

    /** Asks Redis Cloud and stores (and publishes) the instance's plans: a Pro database's when {@code databaseId} is given. */
    public Resolved resolve(String subscriptionId, String databaseId, RedisCloudKeys keys) {
        return databaseId == null ? essentials(subscriptionId, keys) : pro(subscriptionId, databaseId, keys);
    }

    private Resolved pro(String subscriptionId, String databaseId, RedisCloudKeys keys) {
        RedisCloudAnswer db = RedisCloudAnswer.exchange(() -> api.proDatabase(keys.apiKey(), keys.secretKey(), subscriptionId, databaseId));
        refuseUnless(db, "databaseId", "Redis Cloud has no Pro database " + databaseId + " in subscription " + subscriptionId
                + " under these keys");
        Pro.Database d = Pro.Database.of(read(db));
        if (!(d.datasetSizeInGb() > 0)) {
            throw ProblemException.unprocessable("databaseId", "Redis Cloud tells no dataset size for database " + databaseId);
        }
        RedisCloudAnswer sub = RedisCloudAnswer.exchange(() -> api.proSubscription(keys.apiKey(), keys.secretKey(), subscriptionId));
        refuseUnless(sub, "subscriptionId", "Redis Cloud has no Pro subscription " + subscriptionId + " under these keys");
        double perGb = Pro.priceGbMonthUsd(read(sub)).orElseThrow(() -> ProblemException.unprocessable("subscriptionId",
                "the subscription's pricing tells no price per GB (no subscriptionPricing or no totalSizeInGb)"));
        List<Plan> plans = Pro.plans(subscriptionId, d, perGb);
        catalogs.store(plans);
        return new Resolved(Pro.service(subscriptionId), d.plan(), plans);
    }

    private Resolved essentials(String subscriptionId, RedisCloudKeys keys) {
        RedisCloudAnswer sub = RedisCloudAnswer.exchange(() -> api.fixedSubscription(keys.apiKey(), keys.secretKey(), subscriptionId));
        refuseUnless(sub, "subscriptionId", "Redis Cloud has no Essentials subscription " + subscriptionId + " under these keys");
        Essentials.Subscription s = Essentials.Subscription.of(read(sub));
        RedisCloudAnswer plans = RedisCloudAnswer.exchange(() -> api.fixedPlans(keys.apiKey(), keys.secretKey(), s.provider()));
        refuseUnless(plans, "subscriptionId", "Redis Cloud's plans could not be read");
        List<Plan> regional = Essentials.plans(read(plans), s.provider(), s.region());
        if (regional.stream().noneMatch(p -> p.name().equals(s.plan()))) {
            throw ProblemException.unprocessable("subscriptionId", "the subscription's plan " + s.planId() + " is not among the Essentials plans of "
                    + s.provider() + " " + s.region());
        }
        catalogs.store(regional);
        return new Resolved(s.service(), s.plan(), regional);
    }

    private static void refuseUnless(RedisCloudAnswer a, String field, String notFound) {
        switch (a.status()) {
            case 200 -> { }
            case 0 -> throw ProblemException.unprocessable(field, "the Redis Cloud API could not be reached: " + a.message());
            case 401, 403 -> throw ProblemException.unprocessable("credentials", "Redis Cloud refused the keys (" + a.status() + "): " + a.message()
                    + "; use the account key and a user key with access to the subscription, from an allowed address");
            case 404 -> throw ProblemException.unprocessable(field, notFound);
            case 429 -> throw new ProblemException(503, "Service Unavailable", "the Redis Cloud API rate limit was reached; try again in a minute",
                    List.of());
            default -> throw ProblemException.unprocessable(field, "Redis Cloud answered " + a.status() + ": " + a.message());
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode read(RedisCloudAnswer a) {
        try {
            return a.json();
        } catch (IllegalStateException e) {
            throw ProblemException.unprocessable("subscriptionId", "the Redis Cloud API answered something unreadable");
        }
    }
}
