package io.chainwatch.alert;

/**
 * The catalogue of this service's metric names (dot-separated; Prometheus sees them in snake_case) and tags.
 * Tags are low-cardinality: rule type, status, channel, result.
 */
public final class AlertMetrics {

    /** Counter of alert transitions; tags {@code type} (rule type) and {@code status} (FIRING, RESOLVED). */
    public static final String TRANSITIONS = "chainwatch.alert.transitions";
    /** Counter of notification attempts; tags {@code channel} (email) and {@code result} (sent, retry, failed). */
    public static final String NOTIFICATIONS = "chainwatch.notifications";
    /** Gauge of outbox rows still to be sent (not sent, not given up). */
    public static final String OUTBOX_PENDING = "chainwatch.outbox.pending";

    private AlertMetrics() {
    }
}
