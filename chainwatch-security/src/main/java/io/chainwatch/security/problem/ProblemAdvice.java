package io.chainwatch.security.problem;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.chainwatch.security.ForbiddenException;
import io.chainwatch.security.QuotaExceededException;
import io.chainwatch.security.UnsafeUrlException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Every error of a service's API as an RFC 9457 problem. A service has one {@code @RestControllerAdvice} that
 * extends this class and adds handlers for its own exceptions only, building them with {@link #problem}.
 *
 * <p>Handled here, the same in every service: Spring MVC's own exceptions (405, 406, 415, unknown path...) get their
 * standard problem from the superclass; bad input gets 400 with a detail that says which field is wrong and why, the
 * offending fields also listed in {@code errors} as {@code [{"field": ..., "message": ...}]} (invalid fields, an
 * unreadable body, a path or query value of the wrong type, a URL the guard refuses); 403 for a caller who may see a
 * resource but not do this; 409 over a quota (naming it) and for a row a database constraint refused (the
 * database's message is not shown); anything else 500 with the error logged, not shown.
 */
public abstract class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    /** One offending field of a request. */
    public record FieldProblem(String field, String message) {
    }

    /** A problem with {@code status}, {@code title} and {@code detail}. */
    protected static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    /** 400 naming the offending fields, each with what is wrong with it. */
    protected static ProblemDetail invalid(String title, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, title, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Over a quota: 409 naming it ({@code quota}, {@code limit}), nothing written. */
    @ExceptionHandler(QuotaExceededException.class)
    ProblemDetail quotaExceeded(QuotaExceededException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "Quota exceeded", e.getMessage());
        problem.setProperty("quota", e.quota());
        problem.setProperty("limit", e.limit());
        return problem;
    }

    /** 403: the caller may see the resource but not do this. */
    @ExceptionHandler(ForbiddenException.class)
    ProblemDetail forbidden(ForbiddenException e) {
        return e.getBody();
    }

    /** 400: a URL points where the service must not connect; named like the other field errors. */
    @ExceptionHandler(UnsafeUrlException.class)
    ProblemDetail unsafeUrl(UnsafeUrlException e) {
        ProblemDetail body = e.getBody();
        body.setProperty("errors", List.of(new FieldProblem(e.field(), e.reason())));
        return body;
    }

    /** 409: a constraint refused the row (a name taken, a reference gone meanwhile); nothing written. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail integrityViolation(DataIntegrityViolationException e) {
        log.warn("request rejected by a database constraint", e);
        return problem(HttpStatus.CONFLICT, "Conflict", "The request conflicts with the current state of the service");
    }

    /** 500: a fault of ours; logged, and the client is told no more than that. */
    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The service could not handle the request; the error is logged");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
                .sorted(Comparator.comparing(FieldError::getField))
                .map(error -> new FieldProblem(error.getField().replace(".<list element>", ""),
                        String.valueOf(error.getDefaultMessage())))
                .toList();
        String detail = errors.stream()
                .map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; ", "Invalid request: ", ""));
        return ResponseEntity.badRequest().headers(headers).body(invalid("Invalid request", detail, errors));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().headers(headers)
                .body(problem(HttpStatus.BAD_REQUEST, "Invalid request", ex.getMessage()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().headers(headers).body(unreadable(ex.getCause()));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ex.getPropertyName();
        String expected = describe(ex.getRequiredType());
        String detail = "'" + ex.getValue() + "' is not a valid value for '" + name + "': expected " + expected;
        return ResponseEntity.badRequest().headers(headers)
                .body(invalid("Invalid request", detail, List.of(new FieldProblem(name, "must be " + expected))));
    }

    /**
     * The problem for a request body that could not be read, from the body reader's exception; a service may
     * recognise its own cases first (an unknown polymorphic type, say) and leave the rest to this.
     */
    protected ProblemDetail unreadable(Throwable cause) {
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = fieldPath(jackson);
            String message = fieldMessage(jackson);
            return invalid("Invalid request", field + " " + message, List.of(new FieldProblem(field, message)));
        }
        if (cause instanceof StreamReadException parse) {
            String where = parse.getLocation() == null ? ""
                    : " at line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr();
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON",
                    "The request body is not valid JSON" + where + ": " + parse.getOriginalMessage());
        }
        if (cause instanceof MismatchedInputException mismatch) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid request",
                    "The request body must be a JSON object" + targetName(mismatch));
        }
        if (cause instanceof JacksonException jackson) {
            return problem(HttpStatus.BAD_REQUEST, "Invalid request",
                    "The request body could not be read: " + jackson.getOriginalMessage());
        }
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request body is missing or is not JSON");
    }

    private static String fieldPath(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String fieldMessage(JacksonException e) {
        if (e instanceof InputCoercionException coercion) {
            return "is out of range: expected " + describe(coercion.getTargetType());
        }
        if (e instanceof InvalidFormatException invalid) {
            return "has an invalid value '" + invalid.getValue() + "': expected " + describe(invalid.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "has the wrong JSON type: expected " + describe(mismatch.getTargetType());
        }
        return "could not be read: " + e.getOriginalMessage();
    }

    private static String targetName(MismatchedInputException e) {
        return e.getTargetType() == null ? "" : " (" + e.getTargetType().getSimpleName() + ")";
    }

    private static final Map<Class<?>, String> TYPE_NAMES = Map.of(
            UUID.class, "a UUID such as 3f2b8c4e-0d1a-4c55-9a7e-2b1f6d0c9e11",
            Long.class, "an integer", long.class, "an integer",
            Integer.class, "an integer", int.class, "an integer",
            String.class, "a string",
            Boolean.class, "true or false", boolean.class, "true or false");

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a value of another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        return TYPE_NAMES.getOrDefault(type, "a value of type " + type.getSimpleName());
    }
}
