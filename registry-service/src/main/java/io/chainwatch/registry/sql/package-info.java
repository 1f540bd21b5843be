/**
 * What the JdbcClient repositories share: {@link io.chainwatch.registry.sql.Where}, a builder for the optional
 * filters of list queries, and paged reads ({@link io.chainwatch.registry.sql.Where#page}).
 */
package io.chainwatch.registry.sql;
