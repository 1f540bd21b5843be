package io.chainwatch.cdc.web;

import io.chainwatch.cdc.source.DuplicateSourceException;
import io.chainwatch.cdc.source.InvalidSourceException;
import io.chainwatch.cdc.source.SourceNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The CDC API's errors as RFC 9457 problems: what every service answers alike comes from
 * {@link io.chainwatch.security.problem.ProblemAdvice}; here are the CDC service's own exceptions. Bad input never
 * yields a 500.
 */
@RestControllerAdvice
public class ProblemAdvice extends io.chainwatch.security.problem.ProblemAdvice {

    @ExceptionHandler(InvalidSourceException.class)
    ProblemDetail invalidSource(InvalidSourceException e) {
        return invalid("Invalid CDC source", e.getMessage(), e.problems().entrySet().stream()
                .map(p -> new FieldProblem(p.getKey(), p.getValue())).toList());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @ExceptionHandler(SourceNotFoundException.class)
    ProblemDetail notFound(SourceNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(DuplicateSourceException.class)
    ProblemDetail duplicate(DuplicateSourceException e) {
        return problem(HttpStatus.CONFLICT, "Duplicate name", e.getMessage());
    }
}
