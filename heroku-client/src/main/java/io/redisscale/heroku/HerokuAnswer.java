package io.redisscale.heroku;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * One exchange with the Heroku Platform API, read the same way whatever its status: the REST client
 * may raise an error status as an exception, and no answer at all is status 0.
 *
 * @param remaining the {@code RateLimit-Remaining} header, when Heroku sent a readable one
 * @param errorId   Heroku's error {@code id} (for example {@code rate_limit}); empty on success
 * @param message   Heroku's error {@code message}, or the network error; empty on success
 */
public record HerokuAnswer(int status, OptionalInt remaining, String body, String errorId, String message) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static HerokuAnswer exchange(Supplier<Response> request) {
        Response answer;
        try {
            answer = request.get();
        } catch (WebApplicationException e) {
            answer = e.getResponse();
        } catch (ProcessingException e) {
            return new HerokuAnswer(0, OptionalInt.empty(), "", "", String.valueOf(e.getMessage()));
        }
        try (Response response = answer) {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            String left = response.getHeaderString("RateLimit-Remaining");
            OptionalInt remaining = left != null && left.trim().matches("\\d{1,9}")
                    ? OptionalInt.of(Integer.parseInt(left.trim())) : OptionalInt.empty();
            if (response.getStatus() < 300) {
                return new HerokuAnswer(response.getStatus(), remaining, body, "", "");
            }
            return new HerokuAnswer(response.getStatus(), remaining, body, errorField(body, "id"), errorMessage(body));
        } catch (ProcessingException e) {
            return new HerokuAnswer(0, OptionalInt.empty(), "", "", String.valueOf(e.getMessage()));
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
            throw new IllegalStateException("unreadable answer from Heroku (status " + status + ")");
        }
    }

    /** For logs and the actuator's step records: the status and, for an error, Heroku's id and message. */
    public String describe() {
        if (status == 0) {
            return "no answer: " + message;
        }
        return status < 300 ? String.valueOf(status) : status + " " + (errorId.isEmpty() ? "error" : errorId) + ": " + message;
    }

    private static String errorField(String body, String field) {
        try {
            return JSON.readTree(body).path(field).asText("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String errorMessage(String body) {
        String message = errorField(body, "message");
        if (!message.isEmpty()) {
            return message;
        }
        return body.length() > 200 ? body.substring(0, 200) : body;
    }
}
