package io.chainwatch.registry.web;

/** A field's value is wrong in a way Bean Validation cannot see (cross-field rules, references). Answered with 400. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    /**
     * @param field   the offending field's path, e.g. {@code resourceSpace.nodes[0].tlsCertificate}
     * @param message what is wrong, e.g. "is not a PEM X.509 certificate"
     */
    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
