package io.chainwatch.alert.rule;

import java.util.UUID;

/** No rule has the requested id (answered with 404). */
public class RuleNotFoundException extends RuntimeException {

    public RuleNotFoundException(UUID id) {
        super("rule " + id + " not found");
    }
}
