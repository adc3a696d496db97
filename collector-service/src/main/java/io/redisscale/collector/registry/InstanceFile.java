package io.redisscale.collector.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.redisscale.collector.ProblemException;
import io.redisscale.runtime.api.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Instances as code: the fleet declared in a file kept in git ({@code instances: [...]}, each entry the API's
 * registration fields), read strictly (an unknown field is an error, never ignored), and the fleet written back in the
 * same shape with every secret as a reference to an environment variable ({@code ${ORDERS_REDIS_URL}}), which the
 * CLI fills in before it sends the file. Pure.
 */
final class InstanceFile {
    /** No file a user needs is larger; a larger one is refused before it is read. */
    static final int MAX_CHARS = 5_000_000;
    static final int MAX_INSTANCES = 10_000;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    private static final java.util.regex.Pattern REFERENCE = java.util.regex.Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private InstanceFile() {}

    /**
     * The file with its {@code ${VARIABLE}} references filled in from {@code lookup} (the CLI does the same from its
     * shell); a reference {@code lookup} cannot fill is an {@link IllegalArgumentException} naming every one.
     */
    static String expand(String text, java.util.function.Function<String, java.util.Optional<String>> lookup) {
        Set<String> missing = new java.util.TreeSet<>();
        String out = REFERENCE.matcher(text).replaceAll(m -> {
            java.util.Optional<String> value = lookup.apply(m.group(1));
            if (value.isEmpty()) {
                missing.add(m.group(1));
            }
            return java.util.regex.Matcher.quoteReplacement(value.orElse(""));
        });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the file refers to environment variables that are not set: " + String.join(", ", missing));
        }
        return out;
    }

    /** The declared instances; a file that is not one, or names an instance twice, is a 400 saying where. */
    static List<InstanceRequest> read(String text) {
        if (text == null || text.length() > MAX_CHARS) {
            throw bad("file", "a file of at most " + MAX_CHARS + " characters is expected");
        }
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (IOException e) {
            throw bad("file", "not YAML or JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.path("instances").isArray()) {
            throw bad("instances", "the file needs a list 'instances'");
        }
        if (root.path("instances").size() > MAX_INSTANCES) {
            throw bad("instances", "at most " + MAX_INSTANCES + " instances");
        }
        List<InstanceRequest> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode entry : root.path("instances")) {
            String at = "instances[" + i++ + "]";
            InstanceRequest r;
            try {
                r = YAML.treeToValue(entry, InstanceRequest.class);
            } catch (IOException | IllegalArgumentException e) {
                throw bad(at, "not an instance: " + e.getMessage().lines().findFirst().orElse(""));
            }
            if (r.name() == null || !names.add(r.name())) {
                throw bad(at + ".name", r.name() == null ? "is required" : "declares '" + r.name() + "' twice");
            }
            out.add(r);
        }
        return out;
    }

    /** The fleet in the file's shape; secrets as environment references, named after each instance. */
    static String write(List<InstanceRequest> fleet) {
        ObjectNode root = YAML.createObjectNode();
        ArrayNode list = root.putArray("instances");
        for (InstanceRequest s : fleet) {
            ObjectNode o = YAML.valueToTree(s);
            String prefix = s.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
            if (s.redisUrl() != null) {
                o.put("redisUrl", "${" + prefix + "_REDIS_URL}");
            }
            if (o.has("credentials")) {
                o.putObject("credentials").put("apiKey", "${" + prefix + "_API_KEY}").put("secretKey", "${" + prefix + "_SECRET_KEY}");
            }
            list.add(o);
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the fleet", e);
        }
    }

    private static ProblemException bad(String field, String message) {
        return new ProblemException(400, "Bad Request", "the instances file: " + message, List.of(new Problem.FieldError(field, message)));
    }
}
