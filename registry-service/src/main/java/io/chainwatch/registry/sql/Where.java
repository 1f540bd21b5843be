package io.chainwatch.registry.sql;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Optional filters of a list query: each {@code and(...)} with a {@code null} value is left out. Conditions are
 * fixed SQL fragments written in the repositories; only values are parameters.
 */
public final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> params = new LinkedHashMap<>();

    /** Adds {@code condition} (which refers to {@code :name}) when {@code value} is not {@code null}. */
    public Where and(String condition, String name, Object value) {
        if (value != null) {
            conditions.add(condition);
            params.put(name, value instanceof Instant instant ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC)
                    : value instanceof Enum<?> e ? e.name() : value);
        }
        return this;
    }

    /** Adds a condition without a parameter. */
    public Where and(String condition) {
        conditions.add(condition);
        return this;
    }

    public String sql() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    /**
     * Reads one page of {@code select <columns> <from>} with these filters, ordered by {@code orderBy}, and the
     * total count.
     */
    public <T> Page<T> page(JdbcClient jdbc, String columns, String from, String orderBy, PageRequest page,
            RowMapper<T> mapper) {
        long total = jdbc.sql("select count(*) " + from + sql()).params(params).query(Long.class).single();
        if (total == 0 || page.offset() >= total) {
            return new Page<>(List.of(), total);
        }
        List<T> items = jdbc.sql("select " + columns + " " + from + sql() + " order by " + orderBy
                        + " limit :pageLimit offset :pageOffset")
                .params(params)
                .param("pageLimit", page.size())
                .param("pageOffset", page.offset())
                .query(mapper)
                .list();
        return new Page<>(items, total);
    }
}
