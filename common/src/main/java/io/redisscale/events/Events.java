package io.redisscale.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The wire format of every event: JSON, ISO-8601 instants, unknown fields ignored and unknown codes
 * read as {@code other}, so that a newer producer does not break an older consumer.
 */
public final class Events {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule("utc-instants")
                    .addDeserializer(java.time.Instant.class, new UtcInstants()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A code added by a newer release (docs/events.md, Versions) reads as "other", never as poison.
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public static String write(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + event.getClass().getSimpleName(), e);
        }
    }

    /** Parses a record; a malformed payload throws, so the consumer nacks it to its dead-letter topic. */
    public static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new IllegalArgumentException("null payload for " + type.getSimpleName());
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private Events() {}
}
