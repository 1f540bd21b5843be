/**
 * Reading a source's changes: a logical replication stream (pgjdbc's replication API) with PostgreSQL's built-in
 * {@code pgoutput} plugin, decoded by {@link io.chainwatch.cdc.replication.PgOutputDecoder}; one
 * {@link io.chainwatch.cdc.replication.SourceReader} per enabled source.
 */
package io.chainwatch.cdc.replication;
