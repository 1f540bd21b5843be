/**
 * Alerts: one row per fingerprint (rule, chain, node) with an {@link io.chainwatch.alert.alert.AlertStatus}
 * (firing, acknowledged, resolved), one history row per firing episode (MTTA / MTTR);
 * {@link io.chainwatch.alert.alert.TransitionRecorder} writes a transition, its history and its event (for the
 * notification planner) in one transaction; the {@code /api/v1/alerts} resource (current, pending, history, stats,
 * acknowledge).
 */
package io.chainwatch.alert.alert;
