package io.chainwatch.alert.secret;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Encrypts secrets with AES-256-GCM (as the CDC and registry services do). A ciphertext is
 * {@code <keyId>:<base64(iv | ciphertext+tag)>}, the key id being authenticated data; the key id picks the key on
 * decryption, so a new key can encrypt while older ciphertexts still decrypt
 * ({@code chainwatch.alert.secrets.previous-keys}). The service does not start without a key.
 */
@Component
public class SecretCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentId;
    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    public SecretCipher(SecretProperties properties) {
        if (properties.key() == null || properties.key().isBlank()) {
            throw new IllegalStateException("chainwatch.alert.secrets.key is not set (env CHAINWATCH_ALERT_SECRETS_KEY):"
                    + " a base64 AES-256 key encrypting receiver secrets, e.g. from `openssl rand -base64 32`");
        }
        this.currentId = properties.keyId();
        keys.put(currentId, key(properties.key(), currentId));
        properties.previousKeys().forEach((id, value) -> keys.putIfAbsent(id, key(value, id)));
    }

    public String keyId() {
        return currentId;
    }

    public String encrypt(String plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(currentId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return currentId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        int colon = stored.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a ciphertext of this service");
        }
        String id = stored.substring(0, colon);
        SecretKeySpec key = keys.get(id);
        if (key == null) {
            throw new IllegalStateException("no key with id '" + id + "': add it to chainwatch.alert.secrets.previous-keys");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(id.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("decryption failed (wrong key or tampered ciphertext)", e);
        }
    }

    /**
     * A short fingerprint telling two secrets apart without revealing them: HMAC-SHA256 under the current key, so
     * it cannot be brute-forced without the key.
     */
    public String fingerprint(String plaintext) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.get(currentId).getEncoded(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(plaintext.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SecretKeySpec key(String base64, String id) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("key '" + id + "' is not base64", e);
        }
        if (raw.length != 32) {
            throw new IllegalStateException("key '" + id + "' must be 32 bytes (AES-256), is " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }
}
