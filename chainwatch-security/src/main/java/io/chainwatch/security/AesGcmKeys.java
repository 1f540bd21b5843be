package io.chainwatch.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM under named keys (key id → base64 of 32 bytes), one of them active: new ciphertexts are made under
 * the active key, and any configured key decrypts, so keys can rotate while older ciphertexts still decrypt. A
 * ciphertext is {@code iv (12 bytes) || encrypted || tag (16 bytes)}, with associated data the caller chooses (it
 * must name the key id, so that a ciphertext relabelled with another key does not decrypt).
 *
 * <p>The string form {@code <keyId>:<base64(iv || encrypted || tag)>}, with the key id as associated data, is what
 * the alert and CDC services store; the registry stores the bytes and the key id in columns of their own.
 *
 * <p>A plain class (not a bean): each service builds one from its own settings. Thread-safe.
 */
public class AesGcmKeys {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;

    private final String activeKeyId;
    private final Map<String, SecretKey> keys = new LinkedHashMap<>();
    private final Function<String, String> settingOfKey;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param activeKeyId    the key new ciphertexts are made under; must be among {@code base64KeysById}
     * @param base64KeysById every usable key by id, each the base64 of 32 bytes
     * @param settingOfKey   where the key with a given id is (or would be) configured, e.g.
     *                       {@code id -> "chainwatch.registry.secrets.keys." + id}: only for error messages
     * @throws IllegalStateException when a key is not base64 or not 32 bytes, or the active key is not among them
     */
    public AesGcmKeys(String activeKeyId, Map<String, String> base64KeysById, Function<String, String> settingOfKey) {
        this.settingOfKey = Objects.requireNonNull(settingOfKey, "settingOfKey");
        Objects.requireNonNull(activeKeyId, "activeKeyId");
        base64KeysById.forEach((id, base64) -> keys.put(id, key(id, base64)));
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalStateException("the active key '" + activeKeyId + "' is not among the configured keys "
                    + keys.keySet() + " (" + settingOfKey.apply(activeKeyId) + ")");
        }
        this.activeKeyId = activeKeyId;
    }

    /** Keys from one map setting: key {@code id} is configured as {@code keysSetting + "." + id}. */
    public AesGcmKeys(String activeKeyId, Map<String, String> base64KeysById, String keysSetting) {
        this(activeKeyId, base64KeysById, id -> keysSetting + "." + id);
    }

    /**
     * A current key, the active one, and older keys by id that still decrypt after a rotation (an older key with
     * the current key's id is ignored): the shape of the alert and CDC settings.
     *
     * @param currentKeySetting   where the current key is configured, e.g. {@code chainwatch.cdc.secret-key}
     * @param previousKeysSetting where the older keys are configured, e.g. {@code chainwatch.cdc.previous-keys}
     */
    public static AesGcmKeys currentAndPrevious(String currentKeyId, String currentKey, String currentKeySetting,
            Map<String, String> previousKeys, String previousKeysSetting) {
        Map<String, String> byId = new LinkedHashMap<>();
        byId.put(currentKeyId, currentKey);
        previousKeys.forEach(byId::putIfAbsent);
        return new AesGcmKeys(currentKeyId, byId,
                id -> id.equals(currentKeyId) ? currentKeySetting : previousKeysSetting + "." + id);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    /** The configured key ids, in the order they were given. */
    public Set<String> keyIds() {
        return Collections.unmodifiableSet(keys.keySet());
    }

    /** Encrypts under the active key with a fresh random IV: {@code iv || encrypted || tag}. */
    public byte[] encrypt(byte[] associatedData, String plaintext) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /**
     * Decrypts {@code iv || encrypted || tag} made under key {@code keyId} with {@code associatedData}.
     *
     * @throws IllegalStateException when no key has that id (the message says {@code no key with id '<id>'}), or
     *                               the ciphertext does not decrypt: another key, other associated data, altered
     */
    public String decrypt(String keyId, byte[] associatedData, byte[] ivAndCiphertext) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("no key with id '" + keyId + "': add it as " + settingOfKey.apply(keyId));
        }
        if (ivAndCiphertext.length < IV_BYTES + TAG_BITS / 8) {
            throw new IllegalStateException("decryption failed (wrong key or tampered ciphertext): only "
                    + ivAndCiphertext.length + " bytes");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndCiphertext, 0, IV_BYTES));
            cipher.updateAAD(associatedData);
            byte[] plain = cipher.doFinal(ivAndCiphertext, IV_BYTES, ivAndCiphertext.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong key or tampered ciphertext)", e);
        }
    }

    /** Encrypts to {@code <activeKeyId>:<base64(iv || encrypted || tag)>}, the key id being the associated data. */
    public String encryptToString(String plaintext) {
        return activeKeyId + ":" + Base64.getEncoder().encodeToString(encrypt(idBytes(activeKeyId), plaintext));
    }

    /**
     * Decrypts what {@link #encryptToString} made, under the key it names.
     *
     * @throws IllegalArgumentException when it has no key id ({@code <keyId>:...})
     * @throws IllegalStateException    when no key has its id, or it does not decrypt (also when not base64)
     */
    public String decryptString(String stored) {
        int colon = stored.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a ciphertext of this service");
        }
        String keyId = stored.substring(0, colon);
        byte[] ivAndCiphertext;
        try {
            ivAndCiphertext = Base64.getDecoder().decode(stored.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("decryption failed (wrong key or tampered ciphertext): not base64", e);
        }
        return decrypt(keyId, idBytes(keyId), ivAndCiphertext);
    }

    /** Whether a string-form ciphertext was made under another key than the active one (to re-encrypt). */
    public boolean isStale(String stored) {
        return !stored.startsWith(activeKeyId + ":");
    }

    /**
     * A short fingerprint telling two secrets apart without revealing them: the first 16 hex digits of their
     * HMAC-SHA256 under the active key, so it cannot be brute-forced without the key. It changes with the key.
     */
    public String hmacFingerprint(String plaintext) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.get(activeKeyId).getEncoded(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(plaintext.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private SecretKey key(String id, String base64) {
        if (base64 == null) {
            throw new IllegalStateException("key '" + id + "' (" + settingOfKey.apply(id) + ") is not set");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("key '" + id + "' (" + settingOfKey.apply(id) + ") is not base64", e);
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException("key '" + id + "' (" + settingOfKey.apply(id) + ") must be 32 bytes"
                    + " (AES-256), is " + raw.length);
        }
        return new SecretKeySpec(raw, "AES");
    }

    private static byte[] idBytes(String keyId) {
        return keyId.getBytes(StandardCharsets.UTF_8);
    }
}
