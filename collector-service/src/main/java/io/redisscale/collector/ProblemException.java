package io.redisscale.collector;

import io.redisscale.runtime.api.Problem;
import java.util.List;

/** Thrown by the API's logic to answer with a problem+json; nothing has been stored when it is. */
public class ProblemException extends RuntimeException {
    final int status;
    final String title;
    public final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** The same problem about a part of a larger request: its fields under {@code where} ({@code instances[2].name}). */
    public ProblemException at(String where, String what) {
        return new ProblemException(status, title, where + " (" + what + "): " + getMessage(),
                errors.stream().map(f -> new Problem.FieldError(where + "." + f.field(), f.message())).toList());
    }

    /** The HTTP status it answers with. */
    public int status() {
        return status;
    }

    /** A 422 about one field: the request is well formed, but what it names is refused (by a rule or a provider). */
    public static ProblemException unprocessable(String field, String message) {
        return new ProblemException(422, "Unprocessable Content", message, List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "Not Found", what + " does not exist", List.of());
    }
}
