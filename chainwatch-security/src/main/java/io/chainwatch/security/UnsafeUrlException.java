package io.chainwatch.security;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A URL a user gave points where ChainWatch must not connect (loopback, link-local, a private range...) or is not
 * a usable URL. A 400 problem naming the field; the rejected value is not echoed.
 */
public class UnsafeUrlException extends ErrorResponseException {

    private final String field;
    private final String reason;

    public UnsafeUrlException(String field, String reason) {
        super(HttpStatus.BAD_REQUEST, problem(field, reason), null);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return field + ": " + reason;
    }

    private static ProblemDetail problem(String field, String reason) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + ": " + reason);
        problem.setTitle("Invalid request");
        problem.setProperty("field", field);
        return problem;
    }
}
