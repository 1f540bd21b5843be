/**
 * The change-data-capture service: {@code source/} is the configuration (which database, table, columns, REST),
 * {@code replication/} reads a source's changes through PostgreSQL logical decoding (pgoutput),
 * {@code publish/} writes samples and checkpoints to Kafka in one transaction, {@code secret/} encrypts source
 * passwords at rest.
 */
package io.chainwatch.cdc;
