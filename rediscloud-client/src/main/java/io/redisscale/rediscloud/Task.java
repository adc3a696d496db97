package io.redisscale.rediscloud;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Redis Cloud task ({@code GET /tasks/{taskId}}): received, processing-in-progress, then processing-completed or
 * processing-error (with {@code response.error.description}, e.g. a downgrade the data does not fit).
 */
public record Task(String id, String status, String description, String error) {
    public static Task of(JsonNode n) {
        JsonNode e = n.path("response").path("error");
        String error = e.isMissingNode() || e.isNull() ? null
                : e.path("description").asText(e.path("type").asText(e.isTextual() ? e.asText() : "the task failed"));
        return new Task(n.path("taskId").asText(), n.path("status").asText(), n.path("description").asText(), error);
    }

    public boolean completed() {
        return "processing-completed".equals(status);
    }

    public boolean failed() {
        return "processing-error".equals(status);
    }
}
