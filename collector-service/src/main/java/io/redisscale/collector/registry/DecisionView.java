package io.redisscale.collector.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.redisscale.events.ScaleCommand;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/**
 * The last scale decision the decision service sent for an instance, and how it ended, as the
 * instance's live state shows it. Decisions to hold are not sent, so they are not shown; the decision
 * service's {@code /api/v1/instances/{id}/decisions} lists every decision.
 */
public record DecisionView(
        UUID commandId,
        Instant at,
        String direction,
        String fromPlan,
        String toPlan,
        String reasonCode,
        String reason,
        String outcome,
        String outcomeNote,
        Instant outcomeAt) {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    static String json(ScaleCommand c) {
        try {
            return JSON.writeValueAsString(new DecisionView(c.commandId(), c.decidedAt(), c.direction().name(),
                    c.fromPlan(), c.toPlan(), c.reasonCode() == null ? null : c.reasonCode().name(), c.reason(), null, null, null));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DecisionView of(InstanceEntity e) {
        if (e.lastDecision == null) {
            return null;
        }
        try {
            DecisionView d = JSON.readValue(e.lastDecision, DecisionView.class);
            if (!d.commandId().equals(e.lastOutcomeCommand)) {
                return d; // under way, or its outcome not here yet
            }
            return new DecisionView(d.commandId(), d.at(), d.direction(), d.fromPlan(), d.toPlan(), d.reasonCode(), d.reason(),
                    e.lastOutcome, e.lastOutcomeNote, e.lastOutcomeAt);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
