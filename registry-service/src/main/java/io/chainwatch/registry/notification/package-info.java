/**
 * Notifications to organizations (invitations, pending approvals, alliance changes), written by task steps in
 * {@code registry.notification} with the recipient's contact address, and readable at
 * {@code GET /api/v1/notifications}. Each one is also published, through the outbox in the same transaction, as an
 * {@code io.chainwatch.events.OrgNotification} on {@code chainwatch.notifications} (key = organization id), which
 * the alert service mails ({@link io.chainwatch.registry.notification.NotificationPublisher}).
 */
package io.chainwatch.registry.notification;
