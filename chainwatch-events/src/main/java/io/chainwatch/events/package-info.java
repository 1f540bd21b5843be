/**
 * The wire format between ChainWatch services: Kafka topic names and payload records, serialized as JSON.
 * Nothing else belongs here: no Spring, no helpers. A service that needs behaviour around these records
 * writes it in its own package.
 */
package io.chainwatch.events;
