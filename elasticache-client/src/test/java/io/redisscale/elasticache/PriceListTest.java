package io.redisscale.elasticache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.redisscale.events.Plan;
import io.redisscale.events.PlanCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A region's catalog from AWS's Price List offer file (a trimmed file in its published shape). */
class PriceListTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode offer() throws Exception {
        return JSON.readTree(PriceListTest.class.getResourceAsStream("/offer-eu-west-1.json"));
    }

    @Test
    void theRegionsOnDemandPricesMeetTheReferenceTablesMemory() throws Exception {
        PriceList.Catalog c = PriceList.catalog(offer(), "eu-west-1", "Redis");
        List<Plan> plans = PlanCatalog.of(c.file(), "test"); // the file reads back as a catalog
        assertEquals(List.of("elasticache-eu-west-1:cache.t4g.micro", "elasticache-eu-west-1:cache.r7g.large"),
                plans.stream().map(Plan::name).toList(), "Redis only, on-demand only, smallest first");
        Plan large = plans.get(1);
        assertEquals("elasticache-eu-west-1", large.service());
        assertEquals(176.66, large.priceMonthUsd(), 1e-9); // $0.242 an hour × 730, not the reserved $0.158
        Plan reference = PlanCatalog.bundled("elasticache-us-east-1").stream()
                .filter(p -> p.name().endsWith(":cache.r7g.large")).findFirst().orElseThrow();
        assertEquals(reference.memoryBytes(), large.memoryBytes());
        assertEquals(reference.maxConnections(), large.maxConnections());
        assertEquals(List.of("cache.x2gd.large"), c.leftOut(), "priced, but its memory is not in the table: named, not guessed");
        assertEquals("2026-12-01T12:00:00Z", c.file().path("source_date").asText());
    }

    @Test
    void valkeyIsPricedAsValkey() throws Exception {
        List<Plan> plans = PlanCatalog.of(PriceList.catalog(offer(), "eu-west-1", "Valkey").file(), "test");
        assertEquals(1, plans.size());
        assertEquals(141.33, plans.get(0).priceMonthUsd(), 1e-9);
    }

    @Test
    void anotherRegionOrFileIsRefusedWithItsReason() throws Exception {
        assertEquals("the offer file prices no Redis node in eu-central-1",
                assertThrows(IllegalArgumentException.class, () -> PriceList.catalog(offer(), "eu-central-1", "Redis")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PriceList.catalog(JSON.readTree("{\"offerCode\": \"AmazonEC2\"}"), "eu-west-1", "Redis"));
    }
}
