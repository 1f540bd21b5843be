package io.chainwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** AES-256-GCM under named keys: both forms, binding to key and associated data, tampering, rotation, bad keys. */
class AesGcmKeysTest {

    static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private static final String SETTING = "test.keys";
    private static final byte[] AAD = "row-1|a".getBytes(StandardCharsets.UTF_8);

    private static AesGcmKeys keys(String active, Map<String, String> keys) {
        return new AesGcmKeys(active, keys, SETTING);
    }

    @Test
    void bytesRoundTripWithAFreshIvEachTime() {
        AesGcmKeys keys = keys("a", Map.of("a", KEY_A));
        byte[] first = keys.encrypt(AAD, "s3cret");
        byte[] second = keys.encrypt(AAD, "s3cret");
        assertThat(first).hasSize(12 + 6 + 16).isNotEqualTo(second);
        assertThat(new String(first, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(keys.decrypt("a", AAD, first)).isEqualTo("s3cret");
        assertThat(keys.decrypt("a", AAD, second)).isEqualTo("s3cret");
        assertThat(keys.decrypt("a", AAD, keys.encrypt(AAD, ""))).isEmpty();
        assertThat(keys.decrypt("a", AAD, keys.encrypt(AAD, "é ✓ 日本"))).isEqualTo("é ✓ 日本");
    }

    @Test
    void stringRoundTripNamesTheActiveKey() {
        AesGcmKeys keys = keys("a", Map.of("a", KEY_A));
        String first = keys.encryptToString("s3cret");
        String second = keys.encryptToString("s3cret");
        assertThat(first).startsWith("a:").doesNotContain("s3cret").isNotEqualTo(second);
        assertThat(Base64.getDecoder().decode(first.substring(2))).hasSize(12 + 6 + 16);
        assertThat(keys.decryptString(first)).isEqualTo("s3cret");
        assertThat(keys.decryptString(second)).isEqualTo("s3cret");
        assertThat(keys.isStale(first)).isFalse();
    }

    @Test
    void theStringFormAuthenticatesTheKeyIdAsAssociatedData() {
        AesGcmKeys keys = keys("a", Map.of("a", KEY_A));
        byte[] raw = Base64.getDecoder().decode(keys.encryptToString("s3cret").substring(2));
        assertThat(keys.decrypt("a", "a".getBytes(StandardCharsets.UTF_8), raw)).isEqualTo("s3cret");
    }

    @Test
    void aCiphertextOfAnotherKeyIdDoesNotDecrypt() {
        AesGcmKeys keys = keys("a", Map.of("a", KEY_A, "b", KEY_B));
        byte[] underA = keys.encrypt(AAD, "s3cret");
        assertThatThrownBy(() -> keys.decrypt("b", AAD, underA)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("decryption failed");
        String stored = keys.encryptToString("s3cret");
        assertThatThrownBy(() -> keys.decryptString("b" + stored.substring(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("decryption failed");
        // the same key under another id: the id is authenticated, so it still does not decrypt
        AesGcmKeys sameKeyTwice = keys("a", Map.of("a", KEY_A, "a2", KEY_A));
        assertThatThrownBy(() -> sameKeyTwice.decryptString("a2" + stored.substring(1)))
                .hasMessageContaining("decryption failed");
        assertThatThrownBy(() -> keys.decryptString("c" + stored.substring(1)))
                .hasMessageContaining("no key with id 'c'").hasMessageContaining("test.keys.c");
    }

    @Test
    void aTamperedCiphertextFails() {
        AesGcmKeys keys = keys("a", Map.of("a", KEY_A));
        for (int i : new int[] {0, 11, 12, 17, 18, 12 + 6 + 15}) { // iv, encrypted, tag
            byte[] ciphertext = keys.encrypt(AAD, "s3cret");
            ciphertext[i] ^= 1;
            assertThatThrownBy(() -> keys.decrypt("a", AAD, ciphertext)).as("byte %d", i)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("tampered");
        }
        byte[] ciphertext = keys.encrypt(AAD, "s3cret");
        byte[] truncated = java.util.Arrays.copyOf(ciphertext, ciphertext.length - 1);
        assertThatThrownBy(() -> keys.decrypt("a", AAD, truncated)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keys.decrypt("a", AAD, new byte[5])).isInstanceOf(IllegalStateException.class);

        String stored = keys.encryptToString("s3cret");
        byte[] raw = Base64.getDecoder().decode(stored.substring(2));
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> keys.decryptString("a:" + Base64.getEncoder().encodeToString(raw)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tampered");
        assertThatThrownBy(() -> keys.decryptString("a:not base64!")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("decryption failed");
        assertThatThrownBy(() -> keys.decryptString("no key id")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wrongAssociatedDataFails() {
        AesGcmKeys keys = keys("a", Map.of("a", KEY_A));
        byte[] ciphertext = keys.encrypt(AAD, "s3cret");
        assertThatThrownBy(() -> keys.decrypt("a", "row-2|a".getBytes(StandardCharsets.UTF_8), ciphertext))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("decryption failed");
        assertThatThrownBy(() -> keys.decrypt("a", new byte[0], ciphertext))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("decryption failed");
    }

    @Test
    void afterARotationOldCiphertextsStillDecryptAndAreStale() {
        AesGcmKeys before = keys("a", Map.of("a", KEY_A));
        String oldString = before.encryptToString("s3cret");
        byte[] oldBytes = before.encrypt(AAD, "value");

        AesGcmKeys rotated = keys("b", Map.of("a", KEY_A, "b", KEY_B));
        assertThat(rotated.activeKeyId()).isEqualTo("b");
        assertThat(rotated.keyIds()).containsExactlyInAnyOrder("a", "b");
        assertThat(rotated.decryptString(oldString)).isEqualTo("s3cret");
        assertThat(rotated.decrypt("a", AAD, oldBytes)).isEqualTo("value");
        assertThat(rotated.isStale(oldString)).isTrue();
        String fresh = rotated.encryptToString("s3cret");
        assertThat(fresh).startsWith("b:");
        assertThat(rotated.isStale(fresh)).isFalse();

        AesGcmKeys oldKeyGone = keys("b", Map.of("b", KEY_B));
        assertThatThrownBy(() -> oldKeyGone.decryptString(oldString)).hasMessageContaining("no key with id 'a'");
        assertThatThrownBy(() -> oldKeyGone.decrypt("a", AAD, oldBytes)).hasMessageContaining("no key with id 'a'");
    }

    @Test
    void badKeyConfigurationIsRefused() {
        assertThatThrownBy(() -> keys("a", Map.of("a", "not base64!"))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("key 'a'").hasMessageContaining("test.keys.a").hasMessageContaining("not base64");
        assertThatThrownBy(() -> keys("a", Map.of("a", Base64.getEncoder().encodeToString(new byte[16]))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("test.keys.a")
                .hasMessageContaining("must be 32 bytes (AES-256), is 16");
        assertThatThrownBy(() -> keys("a", Map.of("a", KEY_A, "b", "")))
                .hasMessageContaining("key 'b'").hasMessageContaining("is 0");
        Map<String, String> withNull = new LinkedHashMap<>();
        withNull.put("a", null);
        assertThatThrownBy(() -> keys("a", withNull)).hasMessageContaining("key 'a'").hasMessageContaining("not set");
        assertThatThrownBy(() -> keys("c", Map.of("a", KEY_A))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'c' is not among the configured keys [a]").hasMessageContaining("test.keys.c");
        assertThatThrownBy(() -> new AesGcmKeys("a", Map.of("a", KEY_A, "b", "x"),
                id -> id.equals("a") ? "app.key" : "app.previous-keys." + id))
                .hasMessageContaining("key 'b' (app.previous-keys.b) is not base64");
    }

    @Test
    void aCurrentKeyAndPreviousKeys() {
        String old = keys("k1", Map.of("k1", KEY_A)).encryptToString("s3cret");
        AesGcmKeys keys = AesGcmKeys.currentAndPrevious("k2", KEY_B, "app.key", Map.of("k1", KEY_A, "k2", KEY_A),
                "app.previous-keys");
        assertThat(keys.activeKeyId()).isEqualTo("k2");
        assertThat(keys.keyIds()).containsExactly("k2", "k1");
        assertThat(keys.decryptString(old)).isEqualTo("s3cret");
        assertThat(keys.isStale(old)).isTrue();
        // the current key wins over an older key under the same id
        assertThat(keys.hmacFingerprint("x")).isEqualTo(keys("k2", Map.of("k2", KEY_B)).hmacFingerprint("x"));
        assertThatThrownBy(() -> keys.decryptString("k9" + old.substring(2)))
                .hasMessageContaining("no key with id 'k9': add it as app.previous-keys.k9");
        assertThatThrownBy(() -> AesGcmKeys.currentAndPrevious("k2", "c2hvcnQ=", "app.key", Map.of(),
                "app.previous-keys"))
                .hasMessageContaining("key 'k2' (app.key) must be 32 bytes");
        assertThatThrownBy(() -> AesGcmKeys.currentAndPrevious("k2", KEY_B, "app.key", Map.of("k1", "?"),
                "app.previous-keys")).hasMessageContaining("key 'k1' (app.previous-keys.k1) is not base64");
    }

    @Test
    void keysMayBeSurroundedByWhitespace() {
        AesGcmKeys keys = keys("a", Map.of("a", " " + KEY_A + "\n"));
        assertThat(keys.decryptString(keys("a", Map.of("a", KEY_A)).encryptToString("s3cret"))).isEqualTo("s3cret");
    }

    @Test
    void theHmacFingerprintIsHmacSha256UnderTheActiveKeyShortened() throws Exception {
        AesGcmKeys keys = keys("b", Map.of("a", KEY_A, "b", KEY_B));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(KEY_B), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("s3cret".getBytes(StandardCharsets.UTF_8)))
                .substring(0, 16);
        assertThat(keys.hmacFingerprint("s3cret")).isEqualTo(expected).hasSize(16)
                .isEqualTo(keys.hmacFingerprint("s3cret")).isNotEqualTo(keys.hmacFingerprint("s3cres"));
        assertThat(keys("a", Map.of("a", KEY_A, "b", KEY_B)).hmacFingerprint("s3cret")).isNotEqualTo(expected);
    }
}
