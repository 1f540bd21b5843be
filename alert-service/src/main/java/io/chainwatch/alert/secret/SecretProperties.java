package io.chainwatch.alert.secret;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code chainwatch.alert.secrets.*}: the key receiver secrets and webhook / chat URLs are encrypted with.
 *
 * @param key          base64 AES-256 key (env {@code CHAINWATCH_ALERT_SECRETS_KEY}); required
 * @param keyId        id stored with each ciphertext (env {@code CHAINWATCH_ALERT_SECRETS_KEY_ID}, default k1)
 * @param previousKeys older keys by id, still used to decrypt after a rotation
 */
@ConfigurationProperties("chainwatch.alert.secrets")
public record SecretProperties(String key, String keyId, Map<String, String> previousKeys) {

    public SecretProperties {
        keyId = keyId == null || keyId.isBlank() ? "k1" : keyId.strip();
        previousKeys = previousKeys == null ? Map.of() : Map.copyOf(previousKeys);
    }
}
