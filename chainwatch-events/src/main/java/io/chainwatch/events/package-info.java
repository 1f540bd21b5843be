/**
 * The wire format between ChainWatch services: Kafka topic names and payload records, serialized as JSON, except
 * {@link io.chainwatch.events.NodeSample}, which travels in Protocol Buffers' wire format
 * ({@link io.chainwatch.events.SampleCodec}, schema {@code chainwatch/v1/node_sample.proto} in this jar).
 * Nothing else belongs here: no Spring, no helpers. A service that needs behaviour around these records
 * writes it in its own package.
 */
package io.chainwatch.events;
