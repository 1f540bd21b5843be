package io.chainwatch.registry.web;

import java.util.List;

import io.chainwatch.security.problem.ProblemAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The registry API's errors as RFC 9457 problems: what every service answers alike comes from
 * {@link ProblemAdvice}; here are the registry's own exceptions (unknown id, a name taken, optimistic locking with
 * {@code If-Match}, a field refused by a check, a BaaS platform's call failing).
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ProblemAdvice {

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(DuplicateNameException.class)
    ProblemDetail duplicateName(DuplicateNameException e) {
        return problem(HttpStatus.CONFLICT, "Duplicate name", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    @ExceptionHandler(PreconditionRequiredException.class)
    ProblemDetail preconditionRequired(PreconditionRequiredException e) {
        return problem(HttpStatus.PRECONDITION_REQUIRED, "If-Match required", e.getMessage());
    }

    @ExceptionHandler(PreconditionFailedException.class)
    ProblemDetail preconditionFailed(PreconditionFailedException e) {
        return problem(HttpStatus.PRECONDITION_FAILED, "Version mismatch", e.getMessage());
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalidRequest(InvalidRequestException e) {
        return invalid("Invalid request", e.field() + " " + e.getMessage(),
                List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    @ExceptionHandler(PlatformCallException.class)
    ProblemDetail platformCall(PlatformCallException e) {
        return problem(HttpStatus.BAD_GATEWAY, "Platform call failed", e.getMessage());
    }
}
