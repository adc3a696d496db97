package io.redisscale.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanCatalogTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static List<Plan> parse(String json) throws Exception {
        return PlanCatalog.parse(JSON.readTree(json), "test");
    }

    @Test
    void aRangeWithAStepBecomesOnePlanPerSizePricedByTheGb() throws Exception {
        List<Plan> plans = parse("""
                {"service": "rediscloud-pro-4711", "sizes": {"name_prefix": "rediscloud-pro:", "min_gb": 0.5, "max_gb": 2,
                 "step_gb": 0.5, "price_gb_month_usd": 40}}""");
        assertEquals(List.of("rediscloud-pro:0.5", "rediscloud-pro:1", "rediscloud-pro:1.5", "rediscloud-pro:2"),
                plans.stream().map(Plan::name).toList());
        Plan p = plans.get(2);
        assertEquals(1_500_000_000L, p.memoryBytes());
        assertEquals(60.0, p.priceMonthUsd(), 1e-9);
        assertEquals(Plan.UNLIMITED, p.maxConnections());
        assertEquals("rediscloud-pro-4711", p.service());
        assertEquals(1.5, PlanCatalog.Sizes.gb("rediscloud-pro:", p.name()));
    }

    /** A step that does not divide the range stops at the last whole step; a step in tenths does not drift. */
    @ParameterizedTest
    @CsvSource({"1, 10, 4, 3, rediscloud-pro:9", "0.1, 1, 0.1, 10, rediscloud-pro:1", "5, 5, 1, 1, rediscloud-pro:5"})
    void stepsStayOnTheGrid(double min, double max, double step, int count, String last) {
        List<Plan> plans = new PlanCatalog.Sizes("rediscloud-pro:", min, max, step, 10, -1).plans("s");
        assertEquals(count, plans.size());
        assertEquals(last, plans.get(plans.size() - 1).name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"service\": \"s\", \"sizes\": {\"name_prefix\": \"p:\", \"min_gb\": 1, \"max_gb\": 5000, \"step_gb\": 0.1, \"price_gb_month_usd\": 1}} | more than 1000 steps",
            "{\"service\": \"s\", \"sizes\": {\"name_prefix\": \"p:\", \"min_gb\": 2, \"max_gb\": 1, \"step_gb\": 1, \"price_gb_month_usd\": 1}} | min_gb <= max_gb",
            "{\"service\": \"s\", \"sizes\": {\"name_prefix\": \"p:\", \"min_gb\": 1, \"max_gb\": 2, \"price_gb_month_usd\": 1}} | lacks 'step_gb'",
            "{\"service\": \"s\"} | needs 'service' and 'plans' or 'sizes'"})
    void aBadRangeIsRefusedWithItsReason(String json, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(json));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void plansAndSizesMayStandSideBySide() throws Exception {
        List<Plan> plans = parse("""
                {"service": "s", "sizes": {"name_prefix": "p:", "min_gb": 1, "max_gb": 2, "step_gb": 1, "price_gb_month_usd": 3},
                 "plans": [{"name": "free", "memory_bytes": 30000000, "max_connections": 30, "price_month_usd": 0}]}""");
        assertEquals(List.of("p:1", "p:2", "free"), plans.stream().map(Plan::name).toList());
    }
}
