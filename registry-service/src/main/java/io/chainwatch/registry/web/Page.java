package io.chainwatch.registry.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list and the total number of matching rows.
 *
 * @param items the rows of this page
 * @param total how many rows match the filters, over all pages
 */
public record Page<T>(List<T> items, long total) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), total);
    }
}
