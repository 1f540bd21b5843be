/**
 * Alerts: one row per fingerprint (rule, chain, node) with an {@link io.chainwatch.alert.alert.AlertStatus};
 * {@link io.chainwatch.alert.alert.TransitionRecorder} writes a transition and its notifications in one
 * transaction; {@code GET /api/v1/alerts} lists them.
 */
package io.chainwatch.alert.alert;
