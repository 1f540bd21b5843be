package io.chainwatch.alert.web;

import io.chainwatch.alert.problem.ConflictException;
import io.chainwatch.alert.problem.NotFoundException;
import io.chainwatch.alert.rule.RuleNotFoundException;
import io.chainwatch.alert.ruleset.RuleTypes;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.databind.exc.InvalidTypeIdException;

/**
 * The alert API's errors as RFC 9457 problems: what every service answers alike comes from
 * {@link io.chainwatch.security.problem.ProblemAdvice}; here are the alert service's own exceptions and its one
 * special unreadable body, a rule of a missing or unknown type (answered with the types there are).
 */
@RestControllerAdvice
public class ProblemAdvice extends io.chainwatch.security.problem.ProblemAdvice {

    @ExceptionHandler({RuleNotFoundException.class, NotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage());
    }

    /**
     * A unique constraint (a receiver's name within its organization, ...) refused the row: 409, nothing written. The
     * database's message names the constraint, not the value, and is not shown.
     */
    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException e) {
        return problem(HttpStatus.CONFLICT, "Conflict",
                "An entry with this name already exists in the organization: choose another name.");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage());
    }

    @Override
    protected ProblemDetail unreadable(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof InvalidTypeIdException unknownType) {
                String types = String.join(", ", RuleTypes.names());
                return problem(HttpStatus.BAD_REQUEST, "Invalid request", unknownType.getTypeId() == null
                        ? "Missing rule type: field \"type\" must be one of " + types
                        : "Unknown rule type \"" + unknownType.getTypeId() + "\": must be one of " + types);
            }
        }
        return super.unreadable(cause);
    }
}
