package io.redisscale.collector.registry;

import io.redisscale.collector.ProblemException;
import io.redisscale.runtime.api.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.List;

/** JSON Merge Patch (RFC 7396) over a record: what the patch names changes, null removes, the rest stays. */
final class JsonMergePatch {
    // Strict: a misspelt field in a patch would otherwise change nothing and still answer 200.
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonMergePatch() {}

    static <T> T apply(T target, JsonNode patch, Class<T> type) {
        if (patch == null || !patch.isObject()) {
            throw new ProblemException(400, "Bad Request", "a merge patch is a JSON object", List.of());
        }
        try {
            return JSON.treeToValue(merge(JSON.valueToTree(target), patch), type);
        } catch (UnrecognizedPropertyException e) {
            throw new ProblemException(400, "Bad Request", "the patch names an unknown field",
                    List.of(new Problem.FieldError(e.getPropertyName(), "is not a field of an instance")));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ProblemException(400, "Bad Request", "the patch does not fit an instance: "
                    + e.getClass().getSimpleName(), List.of());
        }
    }

    /** RFC 7396 section 2, MergePatch(Target, Patch). */
    static JsonNode merge(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) {
            return patch;
        }
        ObjectNode result = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JSON.createObjectNode();
        patch.fields().forEachRemaining(f -> {
            if (f.getValue().isNull()) {
                result.remove(f.getKey());
            } else {
                result.set(f.getKey(), merge(result.get(f.getKey()), f.getValue()));
            }
        });
        return result;
    }
}
