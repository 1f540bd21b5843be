package io.chainwatch.registry.web;

/**
 * The platform did not answer as its template says (unreachable, error status, missing field, failed task). 502.
 * {@link #status()} is the platform's HTTP status when it answered with an error status, else 0.
 */
public class PlatformCallException extends RuntimeException {

    private final int status;

    public PlatformCallException(String message) {
        this(0, message);
    }

    public PlatformCallException(int status, String message) {
        super(message);
        this.status = status;
    }

    public PlatformCallException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The platform's HTTP status when it answered with an error status; 0 when it did not answer at all. */
    public int status() {
        return status;
    }

    /** The platform answered that the thing asked about does not exist (404 or 410). */
    public boolean notFound() {
        return status == 404 || status == 410;
    }
}
