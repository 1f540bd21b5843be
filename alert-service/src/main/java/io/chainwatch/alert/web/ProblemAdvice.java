package io.chainwatch.alert.web;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.chainwatch.alert.problem.ConflictException;
import io.chainwatch.alert.problem.NotFoundException;
import io.chainwatch.alert.rule.RuleNotFoundException;
import io.chainwatch.alert.rules.RuleTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.exc.InvalidTypeIdException;

/**
 * Errors as {@code application/problem+json}: unreadable or invalid input → 400 (with the offending fields in
 * {@code errors}), unknown id → 404, a name already taken → 409. Spring's own MVC exceptions keep their status.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    @ExceptionHandler({RuleNotFoundException.class, NotFoundException.class})
    ProblemDetail notFound(RuntimeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField))
                .map(f -> Map.of("field", f.getField().replace(".<list element>", ""),
                        "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "Invalid request: " + String.join("; ", errors.stream()
                        .map(e -> e.get("field") + " " + e.get("message")).toList()));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String detail = "Malformed request body";
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof InvalidTypeIdException ite) {
                detail = ite.getTypeId() == null
                        ? "Missing rule type: field \"type\" must be one of " + String.join(", ", RuleTypes.names())
                        : "Unknown rule type \"" + ite.getTypeId() + "\": must be one of " + String.join(", ", RuleTypes.names());
                break;
            }
            if (t instanceof tools.jackson.databind.exc.MismatchedInputException mie && mie.getPath() != null
                    && !mie.getPath().isEmpty()) {
                detail = "Malformed value of field \"" + mie.getPathReference().replaceAll(".*\\[\"?([^\"\\]]*)\"?\\]$", "$1")
                        + "\"";
                break;
            }
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Malformed request");
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                           HttpHeaders headers, HttpStatusCode status,
                                                                           WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
        problem.setTitle("Invalid request");
        return ResponseEntity.badRequest().headers(headers).body(problem);
    }

    /** Over a quota: 409 naming it ({@code quota}, {@code limit}), nothing written. */
    @ExceptionHandler(io.chainwatch.security.QuotaExceededException.class)
    ProblemDetail quotaExceeded(io.chainwatch.security.QuotaExceededException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Quota exceeded");
        problem.setProperty("quota", e.quota());
        problem.setProperty("limit", e.limit());
        return problem;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Conflict");
        return problem;
    }

    /**
     * A unique constraint (a receiver's name within its organization, ...) refused the row: 409, nothing written. The
     * database's message names the constraint, not the value, and is not shown.
     */
    @ExceptionHandler(org.springframework.dao.DuplicateKeyException.class)
    ProblemDetail duplicate(org.springframework.dao.DuplicateKeyException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "An entry with this name already exists in the organization: choose another name.");
        problem.setTitle("Conflict");
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid request");
        return problem;
    }
}
