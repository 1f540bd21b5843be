package io.chainwatch.cdc.secret;

import io.chainwatch.cdc.CdcProperties;
import io.chainwatch.security.AesGcmKeys;
import org.springframework.stereotype.Component;

/**
 * Encrypts secrets with AES-256-GCM ({@link AesGcmKeys}). A ciphertext is
 * {@code <keyId>:<base64(iv | ciphertext+tag)>}; the key id picks the key on decryption, so a new key can encrypt
 * while older ciphertexts still decrypt ({@code chainwatch.cdc.previous-keys}).
 */
@Component
public class SecretCipher {

    private final AesGcmKeys keys;

    public SecretCipher(CdcProperties properties) {
        if (properties.secretKey() == null || properties.secretKey().isBlank()) {
            throw new IllegalStateException("chainwatch.cdc.secret-key is not set (env CHAINWATCH_CDC_SECRET_KEY):"
                    + " a base64 AES-256 key, e.g. from `openssl rand -base64 32`");
        }
        this.keys = AesGcmKeys.currentAndPrevious(properties.secretKeyId(), properties.secretKey(),
                "chainwatch.cdc.secret-key", properties.previousKeys(), "chainwatch.cdc.previous-keys");
    }

    public String encrypt(String plaintext) {
        return keys.encryptToString(plaintext);
    }

    public String decrypt(String stored) {
        return keys.decryptString(stored);
    }

    /** Whether a ciphertext was made with an older key (and should be re-encrypted). */
    public boolean isStale(String stored) {
        return keys.isStale(stored);
    }

    /**
     * A short fingerprint that tells two secrets apart without revealing them: HMAC-SHA256 under the current key,
     * so it cannot be brute-forced without the key.
     */
    public String fingerprint(String plaintext) {
        return keys.hmacFingerprint(plaintext);
    }
}
