/**
 * Secrets at rest: receiver secrets (webhook HMAC keys, DingTalk robot secrets) and the URLs of webhook and chat
 * receivers (in the receiver and in each message's outbox row) are stored AES-256-GCM encrypted under a key from the
 * configuration ({@code chainwatch.alert.secrets}); secrets are never shown again through the API, URLs only masked.
 */
package io.chainwatch.alert.secret;
