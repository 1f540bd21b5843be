/**
 * Notifications of the registry to an organization's people ({@link io.chainwatch.events.OrgNotification} on
 * {@link io.chainwatch.events.Topics#NOTIFICATIONS}: an alliance join waiting for approval, a failed task),
 * delivered as e-mail through the alert service's durable outbox, exactly once per notification and recipient.
 */
package io.chainwatch.alert.orgnotification;
