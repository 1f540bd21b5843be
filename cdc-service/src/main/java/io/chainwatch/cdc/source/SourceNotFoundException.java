package io.chainwatch.cdc.source;

import java.util.UUID;

/** No source with this id (404). */
public class SourceNotFoundException extends RuntimeException {

    public SourceNotFoundException(UUID id) {
        super("No CDC source with id " + id + ".");
    }
}
