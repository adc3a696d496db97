package io.redisscale.runtime.api;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Makes each service's {@code /q/openapi} the contract of its JSON API and nothing else: only {@code /api/}
 * paths (the dashboard's HTML pages are not API), only the schemas those paths use (no template-engine
 * internals), the bearer token every call needs, and the RFC 9457 problem+json shape of every error.
 */
public class ApiContract implements OASFilter {
    static final String SCHEME = "bearer";
    static final String PROBLEM = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getPaths() != null && api.getPaths().getPathItems() != null) {
            new ArrayList<>(api.getPaths().getPathItems().keySet()).stream().filter(p -> !p.startsWith("/api/"))
                    .forEach(api.getPaths()::removePathItem);
        }
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createComponents());
        }
        Components components = api.getComponents();
        components.addSecurityScheme(SCHEME, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("Authorization: Bearer <token>: a token of AUTOSCALER_API_TOKENS (everything) or of "
                        + "AUTOSCALER_VIEWER_TOKENS (reads and what-ifs; a change answers 403)"));
        api.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME)));
        components.addSchema(PROBLEM, problem());
        for (PathItem item : pathItems(api)) {
            for (Operation op : item.getOperations().values()) {
                if (op.getResponses() == null) {
                    op.setResponses(OASFactory.createAPIResponses());
                }
                op.getResponses().addAPIResponse("default", OASFactory.createAPIResponse()
                        .description("an error: RFC 9457 problem details (400 bad input, 401 no token, 403 a viewer's change, "
                                + "404 not found, 409 conflict, 413 too large, 422 a rule broken, 429 too many)")
                        .content(OASFactory.createContent().addMediaType("application/problem+json",
                                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM)))));
            }
        }
        prune(api);
    }

    private static List<PathItem> pathItems(OpenAPI api) {
        return api.getPaths() == null || api.getPaths().getPathItems() == null ? List.of()
                : List.copyOf(api.getPaths().getPathItems().values());
    }

    /** RFC 9457 with the field errors every service adds ({@link Problem}). */
    private static Schema problem() {
        Schema string = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string.description("the request field at fault"))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING).description("what is wrong with it"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("RFC 9457 problem details")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("about:blank"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("Unprocessable Content"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).example(422))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .example("memoryThresholdPercent must be between 1 and 100"))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING).example("/api/v1/instances"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .required(List.of("title", "status"));
    }

    /** Drops the component schemas no API path reaches, directly or through other schemas. */
    private static void prune(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Deque<Schema> todo = new ArrayDeque<>();
        for (PathItem item : pathItems(api)) {
            if (item.getParameters() != null) {
                item.getParameters().stream().map(Parameter::getSchema).forEach(s -> push(todo, s));
            }
            for (Operation op : item.getOperations().values()) {
                if (op.getParameters() != null) {
                    op.getParameters().stream().map(Parameter::getSchema).forEach(s -> push(todo, s));
                }
                if (op.getRequestBody() != null) {
                    content(todo, op.getRequestBody().getContent());
                }
                if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                    op.getResponses().getAPIResponses().values().stream().map(APIResponse::getContent).forEach(c -> content(todo, c));
                }
            }
        }
        Set<String> used = new HashSet<>();
        Set<Schema> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Schema s = todo.pop();
            if (!seen.add(s)) {
                continue;
            }
            if (s.getRef() != null) {
                String name = s.getRef().substring(s.getRef().lastIndexOf('/') + 1);
                if (used.add(name) && schemas.containsKey(name)) {
                    push(todo, schemas.get(name));
                }
            }
            if (s.getProperties() != null) {
                s.getProperties().values().forEach(p -> push(todo, p));
            }
            push(todo, s.getItems());
            push(todo, s.getAdditionalPropertiesSchema());
            for (List<Schema> group : java.util.Arrays.asList(s.getAllOf(), s.getAnyOf(), s.getOneOf())) {
                if (group != null) {
                    group.forEach(g -> push(todo, g));
                }
            }
        }
        new ArrayList<>(schemas.keySet()).stream().filter(n -> !used.contains(n)).forEach(api.getComponents()::removeSchema);
    }

    private static void content(Deque<Schema> todo, Content content) {
        if (content != null && content.getMediaTypes() != null) {
            content.getMediaTypes().values().stream().map(MediaType::getSchema).forEach(s -> push(todo, s));
        }
    }

    private static void push(Deque<Schema> todo, Schema s) {
        if (s != null) {
            todo.push(s);
        }
    }
}
