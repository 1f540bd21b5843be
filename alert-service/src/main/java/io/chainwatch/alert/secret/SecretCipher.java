package io.chainwatch.alert.secret;

import io.chainwatch.security.AesGcmKeys;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets with AES-256-GCM ({@link AesGcmKeys}, as the CDC and registry services do). A ciphertext is
 * {@code <keyId>:<base64(iv | ciphertext+tag)>}, the key id being authenticated data; the key id picks the key on
 * decryption, so a new key can encrypt while older ciphertexts still decrypt
 * ({@code chainwatch.alert.secrets.previous-keys}). The service does not start without a key.
 */
@Component
public class SecretCipher {

    private final AesGcmKeys keys;

    public SecretCipher(SecretProperties properties) {
        if (properties.key() == null || properties.key().isBlank()) {
            throw new IllegalStateException("chainwatch.alert.secrets.key is not set (env CHAINWATCH_ALERT_SECRETS_KEY):"
                    + " a base64 AES-256 key encrypting receiver secrets and URLs, e.g. from `openssl rand -base64 32`");
        }
        this.keys = AesGcmKeys.currentAndPrevious(properties.keyId(), properties.key(), "chainwatch.alert.secrets.key",
                properties.previousKeys(), "chainwatch.alert.secrets.previous-keys");
    }

    public String keyId() {
        return keys.activeKeyId();
    }

    public String encrypt(String plaintext) {
        return keys.encryptToString(plaintext);
    }

    public String decrypt(String stored) {
        return keys.decryptString(stored);
    }

    /**
     * A short fingerprint telling two secrets apart without revealing them: HMAC-SHA256 under the current key, so
     * it cannot be brute-forced without the key.
     */
    public String fingerprint(String plaintext) {
        return keys.hmacFingerprint(plaintext);
    }
}
