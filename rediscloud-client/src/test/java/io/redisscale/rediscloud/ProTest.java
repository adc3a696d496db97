package io.redisscale.rediscloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisscale.events.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProTest {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A Pro subscription as {@code GET /subscriptions/{id}} shows it (trimmed to what is read). */
    static final String SUBSCRIPTION = """
            {"id": 4711, "name": "orders", "status": "active", "memoryStorage": "ram", "numberOfDatabases": 1,
             "subscriptionPricing": [
               {"type": "Shards", "typeDetails": "high-throughput", "quantity": 2, "quantityMeasurement": "shards",
                "pricePerUnit": 0.124, "priceCurrency": "USD", "pricePeriod": "hour"},
               {"type": "EBS Volume", "quantity": 71, "quantityMeasurement": "gb", "pricePerUnit": 0.0, "priceCurrency": "USD",
                "pricePeriod": "hour"}],
             "cloudDetails": [{"provider": "AWS", "cloudAccountId": 1, "totalSizeInGb": 4,
                               "regions": [{"region": "us-east-1"}]}]}""";

    @Test
    void thePricePerGbIsTheSubscriptionsPricingOverItsSize() throws Exception {
        double perGb = Pro.priceGbMonthUsd(JSON.readTree(SUBSCRIPTION)).orElseThrow();
        assertEquals(0.248 * 720 / 4, perGb, 1e-9); // 2 shards × $0.124 an hour, 720 hours, over 4 GB
        assertTrue(Pro.priceGbMonthUsd(JSON.readTree("{\"subscriptionPricing\": []}")).isEmpty());
    }

    @Test
    void aDatabaseOffTheStepsKeepsItsOwnSizeAmongThePlans() throws Exception {
        Pro.Database db = Pro.Database.of(JSON.readTree("""
                {"databaseId": 12, "name": "orders", "status": "active", "provider": "AWS", "region": "us-east-1",
                 "datasetSizeInGb": 1.25, "memoryUsedInMb": 610}"""));
        assertEquals("rediscloud-pro:1.25", db.plan());
        List<Plan> plans = Pro.plans("4711", db, 40);
        assertEquals(201, plans.size(), "0.5 to 100 GB by 0.5, and 1.25");
        assertEquals(List.of("rediscloud-pro:1", "rediscloud-pro:1.25", "rediscloud-pro:1.5"),
                plans.subList(1, 4).stream().map(Plan::name).toList(), "ordered by size");
        assertEquals(50.0, plans.get(2).priceMonthUsd(), 1e-9);
        assertEquals("rediscloud-pro-4711", plans.get(0).service());
        assertEquals(1.25, Pro.gb("rediscloud-pro:1.25"));
    }

    @Test
    void aLargeDatabaseIsOfferedUpToFourTimesItsSize() throws Exception {
        Pro.Database db = Pro.Database.of(JSON.readTree("{\"databaseId\": 1, \"status\": \"active\", \"memoryLimitInGb\": 60}"));
        List<Plan> plans = Pro.plans("1", db, 1);
        assertEquals("rediscloud-pro:240", plans.get(plans.size() - 1).name());
    }
}
