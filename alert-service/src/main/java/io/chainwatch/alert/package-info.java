/**
 * The alert service. Feature packages: {@code rule} (rule types, store, REST), {@code ingest} (Kafka input:
 * targets and samples), {@code evaluate} (state and timer-driven evaluation), {@code alert} (alert rows and
 * their REST), {@code notify} (notifiers and the outbox dispatcher), {@code web} (REST error handling).
 * {@link io.chainwatch.alert.AlertProperties} holds every setting; {@link io.chainwatch.alert.AlertMetrics}
 * names every metric.
 */
package io.chainwatch.alert;
