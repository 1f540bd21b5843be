package io.chainwatch.registry.secret;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.registry.RegistryProperties;
import io.chainwatch.security.AesGcmKeys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM with the configured data keys ({@link AesGcmKeys}). A ciphertext is
 * {@code iv (12 bytes) || encrypted || tag (16 bytes)}; the secret's row id and the key id are authenticated as
 * associated data, so a ciphertext copied to another row, or labelled with another key, does not decrypt.
 */
@Component
public class SecretCipher {

    /** Id of the published development key in application.yml; using it logs a warning. */
    static final String DEV_KEY_ID = "dev-local-only";

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);

    private final AesGcmKeys keys;

    @Autowired
    SecretCipher(RegistryProperties properties) {
        this(properties.secrets());
    }

    /** For tests and the rotation job: a cipher over explicit keys. */
    public SecretCipher(RegistryProperties.Secrets settings) {
        if (settings == null) {
            throw new IllegalStateException("chainwatch.registry.secrets is not configured: set "
                    + "CHAINWATCH_REGISTRY_SECRETS_ACTIVE_KEY and CHAINWATCH_REGISTRY_SECRETS_KEYS_<ID>");
        }
        this.keys = new AesGcmKeys(settings.activeKey(), settings.keys(), "chainwatch.registry.secrets.keys");
        if (DEV_KEY_ID.equals(keys.activeKeyId())) {
            log.warn("secrets are encrypted with the published development key '{}': fine for the local stack, "
                    + "never for real data (set CHAINWATCH_REGISTRY_SECRETS_ACTIVE_KEY and "
                    + "CHAINWATCH_REGISTRY_SECRETS_KEYS_<ID>)", DEV_KEY_ID);
        }
    }

    public String activeKeyId() {
        return keys.activeKeyId();
    }

    public Set<String> keyIds() {
        return keys.keyIds();
    }

    /** Encrypts {@code plaintext} for the secret row {@code id} under the active key. */
    public byte[] encrypt(UUID id, String plaintext) {
        return keys.encrypt(associatedData(id, keys.activeKeyId()), plaintext);
    }

    /** Decrypts a ciphertext of the secret row {@code id} made under key {@code keyId}. */
    public String decrypt(UUID id, String keyId, byte[] ciphertext) {
        if (!keys.keyIds().contains(keyId)) {
            throw new IllegalStateException("secret " + id + " is encrypted with key '" + keyId
                    + "', which is not configured (chainwatch.registry.secrets.keys)");
        }
        try {
            return keys.decrypt(keyId, associatedData(id, keyId), ciphertext);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("secret " + id + " does not decrypt with key '" + keyId + "'", e);
        }
    }

    /**
     * What the API shows instead of a secret: {@code hmac:} and the first 16 hex digits of the HMAC-SHA256, under the
     * active key, of the organization's id and the value. Enough to tell two values of one organization apart; the
     * same secret in two organizations gives two fingerprints, and without the key a short secret cannot be guessed
     * offline from it. It changes when the active key does.
     */
    public String fingerprint(UUID orgId, String plaintext) {
        return "hmac:" + keys.hmacFingerprint(orgId + "\n" + plaintext);
    }

    private static byte[] associatedData(UUID id, String keyId) {
        return (id + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
