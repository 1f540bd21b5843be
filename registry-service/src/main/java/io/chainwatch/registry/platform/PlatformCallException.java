package io.chainwatch.registry.platform;

/** The platform did not answer as its template says (unreachable, error status, missing field, failed task). 502. */
public class PlatformCallException extends RuntimeException {

    public PlatformCallException(String message) {
        super(message);
    }

    public PlatformCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
