/**
 * Receivers and routing per organization: who is told over which channel (e-mail, SMS, webhooks), in which
 * locale, about which severities and rule types, at which escalation level; the {@code /api/v1/receivers} resource.
 *
 * <p>Secrets at rest: a receiver's signing secret and the URL of a webhook or chat receiver (which carries the
 * robot's access token) are stored only encrypted ({@link io.chainwatch.alert.secret.SecretCipher}); the row's
 * {@code address} holds the URL masked ({@link io.chainwatch.alert.receiver.Channels#maskedAddress}), which is
 * all the API ever shows. Rows stored in plain text by an older version are encrypted by
 * {@code ReceiverSecrets} when the service starts — an application step rather than a Flyway Java migration because
 * the key is the service's configuration and a startup step reuses the cipher bean as it is; each row is changed
 * with a compare-and-set, so several instances starting together are safe, and until it has run a plain row is still
 * read and sent correctly. The only comparison of URLs, the planner's removal of duplicate receivers of one alert,
 * runs on the decrypted receivers.
 */
package io.chainwatch.alert.receiver;
