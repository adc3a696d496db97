package io.redisscale.collector.savings;

import io.redisscale.collector.registry.InstanceEntity;
import io.redisscale.collector.registry.Instances;
import io.redisscale.collector.registry.Requests;
import io.redisscale.testsupport.TestInfra;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.redisscale.events.Events;
import io.redisscale.events.SavingsReport;
import io.redisscale.events.Topics;
import io.redisscale.testsupport.ApiAuth;
import io.redisscale.testsupport.TopicTail;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A month's savings report: the ledger's figures for that month, on the reports topic, once. */
@QuarkusTest
class MonthlyReportIT {
    @Inject
    Instances instances;
    @Inject
    MonthlyReport reports;
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @BeforeEach
    void token() {
        ApiAuth.useTestToken();
    }

    @Test
    void aEndedMonthIsReportedOnceWithTheLedgersFigures() {
        // A month long past (no other test has plan history in it), on 500 MB then on 100 MB from the 15th.
        String month = "2019-02";
        UUID id = instances.create(Requests.local("report-1", "redis://127.0.0.1:1").plan("rediscloud:500").build(), false).id;
        UUID later = instances.create(Requests.local("report-2", "redis://127.0.0.1:1").plan("rediscloud:100").build(), false).id;
        QuarkusTransaction.requiringNew().run(() -> {
            InstanceEntity.getEntityManager().createNativeQuery("DELETE FROM plan_history WHERE instance_id = ?1")
                    .setParameter(1, id).executeUpdate();
            InstanceEntity.getEntityManager().createNativeQuery("DELETE FROM savings_report WHERE month = ?1")
                    .setParameter(1, month).executeUpdate();
            Ledger.planFrom(id, "rediscloud:500", 80, 80, Instant.parse("2019-01-20T00:00:00Z"));
            Ledger.planFrom(id, "rediscloud:100", 80, 80, Instant.parse("2019-02-15T00:00:00Z"));
        });
        try (TopicTail tail = new TopicTail(kafka, TestInfra.own().kafkaPrefix(), Topics.REPORTS)) {
            SavingsReport r = reports.publishDue(Instant.parse("2019-03-01T00:20:00Z"));
            assertNotNull(r);
            assertEquals(month, r.month());
            // report-2 was registered after the month: not in it.
            assertEquals(1, r.instances().size(), r.toString());
            SavingsReport.Line line = r.instances().get(0);
            assertEquals(id, line.instanceId());
            assertEquals("rediscloud:500", line.registeredPlan());

            JsonPath api = given().queryParam("instance", id.toString()).queryParam("period", "total")
                    .queryParam("from", "2019-02-01T00:00:00Z").queryParam("to", "2019-03-01T00:00:00Z")
                    .get("/api/v1/savings").then().statusCode(200).extract().jsonPath();
            assertEquals(api.getDouble("instances[0].periods[0].costUsd"), line.costUsd(), 0.001);
            assertEquals(api.getDouble("instances[0].periods[0].registeredUsd"), line.registeredUsd(), 0.001);
            assertEquals(api.getDouble("instances[0].periods[0].savedVsRegisteredUsd"), line.savedUsd(), 0.001);
            assertEquals(line.costUsd(), r.costUsd(), 0.001, "one instance in the month: the fleet is it");

            assertNull(reports.publishDue(Instant.parse("2019-03-05T00:00:00Z")), "once per month");
            // On the topic (a broker kept from earlier runs may hold their reports of this month too).
            SavingsReport published = await().atMost(Duration.ofSeconds(30)).until(() -> tail.values().stream()
                    .map(v -> Events.read(v, SavingsReport.class)).filter(p -> p.eventId().equals(r.eventId())).toList(), l -> !l.isEmpty()).get(0);
            assertEquals(line, published.instances().get(0));
        }
        instances.delete(id);
        instances.delete(later);
    }
}
