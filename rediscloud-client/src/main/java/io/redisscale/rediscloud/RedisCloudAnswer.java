package io.redisscale.rediscloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.function.Supplier;

/**
 * One answer of the Redis Cloud API, whatever its status: the body, and for an error the API's own words
 * ({@code description} or {@code message} of its error body). Status 0: no answer (network, timeout).
 */
public record RedisCloudAnswer(int status, String body, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static RedisCloudAnswer exchange(Supplier<Response> request) {
        Response answer;
        try {
            answer = request.get();
        } catch (WebApplicationException e) {
            answer = e.getResponse();
        } catch (ProcessingException e) {
            return new RedisCloudAnswer(0, "", String.valueOf(e.getMessage()));
        }
        try (Response response = answer) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return new RedisCloudAnswer(response.getStatus(), body, response.getStatus() < 300 ? "" : errorMessage(body));
        } catch (ProcessingException e) {
            return new RedisCloudAnswer(0, "", String.valueOf(e.getMessage()));
        }
    }

    public boolean answered() {
        return status != 0;
    }

    /** The body as JSON; an {@link IllegalStateException} when it is not. */
    public JsonNode json() {
        try {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable answer from Redis Cloud (status " + status + ")");
        }
    }

    /** For the actuator's step records: the status and, for an error, the API's words. */
    public String describe() {
        if (status == 0) {
            return "no answer: " + message;
        }
        return status < 300 ? String.valueOf(status) : status + ": " + message;
    }

    static String errorMessage(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            for (String field : new String[] {"description", "message", "error"}) {
                if (n.path(field).isTextual() && !n.path(field).asText().isBlank()) {
                    return n.path(field).asText();
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // said as it came, below
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }
}
