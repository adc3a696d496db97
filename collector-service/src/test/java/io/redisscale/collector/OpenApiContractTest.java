package io.redisscale.collector;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/openapi} is the JSON API's contract: a valid OpenAPI document (read by swagger-parser), its API paths
 * and nothing else, each one in docs/api.md, the bearer scheme every call needs, problem+json for every error,
 * and no template-engine internals among its schemas (runtime ApiContract).
 */
@QuarkusTest
class OpenApiContractTest {
    @Test
    void theDocumentIsTheJsonApisContract() throws Exception {
        String json = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString();
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(json, null, null);
        assertEquals(List.of(), parsed.getMessages(), "a valid OpenAPI document");
        OpenAPI api = parsed.getOpenAPI();

        assertFalse(api.getPaths().isEmpty());
        api.getPaths().keySet().forEach(p -> assertTrue(p.startsWith("/api/v1/"), p + " is not API"));
        api.getComponents().getSchemas().keySet().forEach(name -> assertFalse(
                name.matches(".*(Engine|Template|SectionHelper|AtomicLong|Qute|Uni|Multi).*"), name + " is an internal type"));

        SecurityScheme bearer = api.getComponents().getSecuritySchemes().get("bearer");
        assertEquals(SecurityScheme.Type.HTTP, bearer.getType());
        assertEquals("bearer", bearer.getScheme());
        assertTrue(api.getSecurity().stream().anyMatch(r -> r.containsKey("bearer")), "every call needs it");

        String docs = Files.readString(Path.of("..", "docs", "api.md"));
        api.getPaths().forEach((path, item) -> {
            for (Operation op : item.readOperations()) {
                var error = op.getResponses().get("default");
                assertTrue(error != null && error.getContent().containsKey("application/problem+json"), path + " errors as problem+json");
                assertEquals("#/components/schemas/Problem", error.getContent().get("application/problem+json").getSchema().get$ref());
            }
            // /api/v1/instances/{id}/metrics is written /api/v1/instances/$ID/metrics (or {id}) in the docs.
            Pattern documented = Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/\\\\s?\"]+\\\\Q") + "(?![\\w/-])");
            assertTrue(documented.matcher(docs).find(), path + " is not in docs/api.md");
        });
        assertTrue(api.getComponents().getSchemas().containsKey("Problem"));
    }
}
