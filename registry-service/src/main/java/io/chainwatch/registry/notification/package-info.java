/**
 * Notifications to organizations (invitations, pending approvals, alliance changes), written by task steps in
 * {@code registry.notification} with the recipient's contact address, and readable at
 * {@code GET /api/v1/notifications}. A mail dispatcher can send the unsent ones ({@code sent_at} is null).
 */
package io.chainwatch.registry.notification;
