package io.redisscale.collector.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A poll that read the row before a user's edit commits after it: neither undoes the other. */
@QuarkusTest
class ConcurrentEditIT {
    @Inject
    Instances instances;

    @Test
    void aPollDoesNotWriteOldSettingsBack() {
        UUID id = instances.create(Requests.local("edited-while-polled", "redis://127.0.0.1:1").build(), false).id;
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                InstanceEntity polled = InstanceEntity.findById(id); // the poll reads the row ...
                polled.consecutiveFailures++;
                // ... the user's edit commits meanwhile ...
                QuarkusTransaction.requiringNew().run(() -> instances.patch(id,
                        new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("memoryThresholdPercent", 65), false));
            }); // ... and the poll commits last.
            QuarkusTransaction.requiringNew().run(() -> {
                InstanceEntity e = InstanceEntity.findById(id);
                assertEquals(65, e.memoryThresholdPercent, "the user's edit survives the poll");
                assertEquals(1, e.consecutiveFailures, "the poll's state survives the edit");
            });
        } finally {
            instances.delete(id);
        }
    }
}
