package io.chainwatch.cdc.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import io.chainwatch.cdc.CdcProperties;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String KEY_1 = newKey();
    private static final String KEY_2 = newKey();

    @Test
    void encryptsWithAFreshIvAndDecryptsBack() {
        SecretCipher cipher = cipher("k1", KEY_1, Map.of());
        String a = cipher.encrypt("s3cret");
        String b = cipher.encrypt("s3cret");
        assertThat(a).startsWith("k1:").doesNotContain("s3cret").isNotEqualTo(b);
        assertThat(cipher.decrypt(a)).isEqualTo("s3cret");
    }

    @Test
    void afterARotationOldCiphertextsStillDecryptAndAreMarkedStale() {
        String old = cipher("k1", KEY_1, Map.of()).encrypt("s3cret");
        SecretCipher rotated = cipher("k2", KEY_2, Map.of("k1", KEY_1));
        assertThat(rotated.decrypt(old)).isEqualTo("s3cret");
        assertThat(rotated.isStale(old)).isTrue();
        assertThat(rotated.isStale(rotated.encrypt("x"))).isFalse();
        assertThatThrownBy(() -> cipher("k2", KEY_2, Map.of()).decrypt(old)).hasMessageContaining("no key with id 'k1'");
    }

    @Test
    void aTamperedCiphertextOrAWrongKeyIsRefused() {
        SecretCipher cipher = cipher("k1", KEY_1, Map.of());
        String sealed = cipher.encrypt("s3cret");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt("k1:" + Base64.getEncoder().encodeToString(raw)))
                .hasMessageContaining("decryption failed");
        assertThatThrownBy(() -> cipher("k1", KEY_2, Map.of()).decrypt(sealed)).hasMessageContaining("decryption failed");
    }

    @Test
    void theFingerprintTellsSecretsApartAndDependsOnTheKey() {
        SecretCipher cipher = cipher("k1", KEY_1, Map.of());
        assertThat(cipher.fingerprint("a")).hasSize(16).isEqualTo(cipher.fingerprint("a")).isNotEqualTo(cipher.fingerprint("b"));
        assertThat(cipher("k1", KEY_2, Map.of()).fingerprint("a")).isNotEqualTo(cipher.fingerprint("a"));
    }

    @Test
    void aMissingOrShortKeyStopsStartUpWithAClearMessage() {
        assertThatThrownBy(() -> cipher("k1", "", Map.of())).hasMessageContaining("CHAINWATCH_CDC_SECRET_KEY");
        assertThatThrownBy(() -> cipher("k1", Base64.getEncoder().encodeToString(new byte[16]), Map.of()))
                .hasMessageContaining("32 bytes");
    }

    /** A source password and its fingerprint as stored by the cipher before it moved to chainwatch-security. */
    @Test
    void whatTheEarlierCipherStoredStillDecryptsAndFingerprintsTheSame() {
        SecretCipher cipher = cipher("compat-k1", "AgkQFx4lLDM6QUhPVl1ka3J5gIeOlZyjqrG4v8bN1Ns=", Map.of());
        String stored = "compat-k1:b79Hsatle8cuoK0mnA5wVoOAi0jZWX0koaBiIdsUzUHke52DUFC1GUuoG1gB";
        assertThat(cipher.decrypt(stored)).isEqualTo("pg-password \u00e9\u2713");
        assertThat(cipher.isStale(stored)).isFalse();
        assertThat(cipher.fingerprint("pg-password \u00e9\u2713")).isEqualTo("a8e4c8f2c8bcf84a");
    }

    private static SecretCipher cipher(String id, String key, Map<String, String> previous) {
        return new SecretCipher(new CdcProperties(key, id, previous, null, null, null, null));
    }

    private static String newKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
