/**
 * Kafka: samples of a source transaction and the source's checkpoint (the transaction's end LSN) are written in
 * one Kafka transaction, so a restart resumes after the last published transaction and never publishes one twice.
 */
package io.chainwatch.cdc.publish;
