package io.redisscale.collector;

import io.redisscale.runtime.api.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error of the API as application/problem+json (RFC 9457), one status per kind (docs/api.md): 400 a request
 * that cannot be read (not JSON, a wrong type, an unknown field, a bad query parameter), 422 a readable body that
 * breaks a rule (a value out of range, an unknown plan, a field over its length), 404 nothing there (an id that is
 * not a UUID included), 409 a conflict, 413 too large, 429 too many at once.
 */
class ProblemMappers {

    @ServerExceptionMapper
    Response problem(ProblemException e, UriInfo uri) {
        return respond(e.status, e.title, e.getMessage(), uri, e.errors);
    }

    @ServerExceptionMapper
    Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        return respond(400, "Bad Request", "unknown field '" + e.getPropertyName() + "'", uri,
                List.of(new Problem.FieldError(path(e), "unknown field")));
    }

    @ServerExceptionMapper
    Response wrongType(InvalidFormatException e, UriInfo uri) {
        return respond(400, "Bad Request", "a field has the wrong type", uri,
                List.of(new Problem.FieldError(path(e), "expected " + e.getTargetType().getSimpleName())));
    }

    @ServerExceptionMapper
    Response mismatched(MismatchedInputException e, UriInfo uri) {
        return respond(400, "Bad Request", "a field has the wrong type or shape", uri,
                List.of(new Problem.FieldError(path(e), "expected " + (e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName()))));
    }

    @ServerExceptionMapper
    Response malformed(JsonProcessingException e, UriInfo uri) {
        return respond(400, "Bad Request", "the body is not valid JSON: " + e.getOriginalMessage(), uri, List.of());
    }

    /** A change whose event the broker could not carry: refused, and nothing of it stored (its transaction rolled back). */
    @ServerExceptionMapper
    Response tooLarge(io.redisscale.runtime.Outbox.TooLarge e, UriInfo uri) {
        return respond(413, "Content Too Large", e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e, UriInfo uri) {
        // The framework's own refusals: said in a sentence, not "HTTP 404 Not Found".
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof UnrecognizedPropertyException u) {
                return unknownField(u, uri);
            }
            if (t instanceof InvalidFormatException f) {
                return wrongType(f, uri);
            }
            if (t instanceof MismatchedInputException m) {
                return mismatched(m, uri);
            }
            if (t instanceof JsonProcessingException j) {
                return malformed(j, uri);
            }
        }
        int status = e.getResponse().getStatus();
        String detail = switch (status) {
            case 404 -> "nothing at " + uri.getPath() + " (an instance id is a UUID)";
            case 405 -> "this method is not allowed on " + uri.getPath();
            case 406 -> "this resource answers application/json only";
            case 415 -> "this content type is not accepted here: application/json (a PATCH also application/merge-patch+json)";
            default -> e.getMessage();
        };
        return respond(status, Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase(),
                detail, uri, List.of());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static Response respond(int status, String title, String detail, UriInfo uri, List<Problem.FieldError> errors) {
        Problem body = new Problem("about:blank", title, status, detail, uri.getPath(), errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body).build();
    }
}
