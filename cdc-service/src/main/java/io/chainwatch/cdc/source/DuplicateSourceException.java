package io.chainwatch.cdc.source;

/** The organization already has a source of this name (409). */
public class DuplicateSourceException extends RuntimeException {

    public DuplicateSourceException(String name) {
        super("The organization already has a CDC source named '" + name + "'.");
    }
}
