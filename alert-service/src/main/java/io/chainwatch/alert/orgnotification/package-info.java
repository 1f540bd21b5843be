/**
 * Notifications of the registry to an organization's people ({@link io.chainwatch.events.OrgNotification} on
 * {@link io.chainwatch.events.Topics#NOTIFICATIONS}: an alliance join waiting for approval, a failed task),
 * delivered as e-mail through the alert service's durable outbox, exactly once per notification and recipient; a
 * node operation (start, stop, restart, the auto-restart policy's) also to the receivers that take the organization's
 * {@code node_unreachable} alerts.
 */
package io.chainwatch.alert.orgnotification;
