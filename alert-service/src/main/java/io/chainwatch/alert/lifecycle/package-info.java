/**
 * The alert lifecycle: an alert's {@link io.chainwatch.alert.lifecycle.AlertStatus} (firing, acknowledged, resolved)
 * and its changes ({@link io.chainwatch.alert.lifecycle.Transition}, with the {@link
 * io.chainwatch.alert.lifecycle.Snapshot} of current values), one row per fingerprint (rule, chain, node), one history
 * row per firing episode (MTTA / MTTR). {@link io.chainwatch.alert.lifecycle.TransitionRecorder} writes a transition,
 * its history, its {@link io.chainwatch.alert.lifecycle.AlertEvent} for the notification planner
 * ({@link io.chainwatch.alert.lifecycle.AlertEventRepository}) and its audit entry
 * ({@link io.chainwatch.alert.lifecycle.TransitionAudit}) in one transaction; the {@code /api/v1/alerts} resource
 * (current, pending, history, stats, acknowledge). Below the engine, which produces transitions.
 */
package io.chainwatch.alert.lifecycle;
