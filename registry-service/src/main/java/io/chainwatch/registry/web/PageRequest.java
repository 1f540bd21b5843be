package io.chainwatch.registry.web;

/**
 * Which page of a list: {@code ?page=} (from 0) and {@code ?size=}.
 *
 * @param page zero-based page number
 * @param size rows per page
 */
public record PageRequest(int page, int size) {

    public long offset() {
        return (long) page * size;
    }
}
