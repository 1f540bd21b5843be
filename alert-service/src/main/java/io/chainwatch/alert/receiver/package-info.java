/**
 * Receivers and routing per organization: who is told over which channel (e-mail, SMS, webhooks), in which
 * locale, about which severities and rule types, at which escalation level; the {@code /api/v1/receivers} resource.
 */
package io.chainwatch.alert.receiver;
