/**
 * Secrets at rest: receiver secrets (webhook HMAC keys, DingTalk robot secrets) are stored AES-256-GCM encrypted
 * under a key from the configuration ({@code chainwatch.alert.secrets}) and never shown again through the API.
 */
package io.chainwatch.alert.secret;
