package io.chainwatch.cdc.source;

import java.util.Map;

/** The configuration does not fit the source database (400, with the problems by field). */
public class InvalidSourceException extends RuntimeException {

    private final Map<String, String> problems;

    public InvalidSourceException(String message, Map<String, String> problems) {
        super(message);
        this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
        return problems;
    }
}
