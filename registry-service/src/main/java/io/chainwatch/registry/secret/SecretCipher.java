package io.chainwatch.registry.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.chainwatch.registry.RegistryProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * AES-256-GCM with the configured data keys. A ciphertext is {@code iv (12 bytes) || encrypted || tag (16 bytes)};
 * the secret's row id and the key id are authenticated as associated data, so a ciphertext copied to another
 * row, or labelled with another key, does not decrypt.
 */
@Component
public class SecretCipher {

    /** Id of the published development key in application.yml; using it logs a warning. */
    static final String DEV_KEY_ID = "dev-local-only";

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final String activeKeyId;
    private final SecureRandom random = new SecureRandom();

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
        settings.keys().forEach((id, base64) -> {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(base64.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("chainwatch.registry.secrets.keys." + id + " is not base64", e);
            }
            if (raw.length != 32) {
                throw new IllegalStateException("chainwatch.registry.secrets.keys." + id + " must be 32 bytes (AES-256), is "
                        + raw.length);
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        });
        if (!keys.containsKey(settings.activeKey())) {
            throw new IllegalStateException("chainwatch.registry.secrets.active-key '" + settings.activeKey()
                    + "' is not among the configured keys " + keys.keySet());
        }
        this.activeKeyId = settings.activeKey();
        if (DEV_KEY_ID.equals(activeKeyId)) {
            log.warn("secrets are encrypted with the published development key '{}': fine for the local stack, "
                    + "never for real data (set CHAINWATCH_REGISTRY_SECRETS_ACTIVE_KEY and "
                    + "CHAINWATCH_REGISTRY_SECRETS_KEYS_<ID>)", DEV_KEY_ID);
        }
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    /** Encrypts {@code plaintext} for the secret row {@code id} under the active key. */
    public byte[] encrypt(UUID id, String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(id, activeKeyId));
            byte[] encrypted = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(iv.length + encrypted.length).put(iv).put(encrypted).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts a ciphertext of the secret row {@code id} made under key {@code keyId}. */
    public String decrypt(UUID id, String keyId, byte[] ciphertext) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("secret " + id + " is encrypted with key '" + keyId
                    + "', which is not configured (chainwatch.registry.secrets.keys)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ciphertext, 0, IV_BYTES));
            cipher.updateAAD(associatedData(id, keyId));
            byte[] plain = cipher.doFinal(ciphertext, IV_BYTES, ciphertext.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("secret " + id + " does not decrypt with key '" + keyId + "'", e);
        }
    }

    /**
     * What the API shows instead of a secret: {@code sha256:} and the first 16 hex digits of the SHA-256 of the
     * value. Enough to tell two values apart or recognise one you hold; not enough to recover a random key.
     */
    public static String fingerprint(String plaintext) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(plaintext.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] associatedData(UUID id, String keyId) {
        return (id + "|" + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
