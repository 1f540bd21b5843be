package io.chainwatch.alert.secret;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AES-256-GCM with a key id: round trip, fresh IVs, tampering, rotation, and no start without a key. */
class SecretCipherTest {

    private static final String K1 = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String K2 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void encryptsWithTheKeyIdAndDecrypts() {
        SecretCipher cipher = new SecretCipher(new SecretProperties(K1, "k1", null));
        String a = cipher.encrypt("hook-secret");
        String b = cipher.encrypt("hook-secret");
        assertThat(a).startsWith("k1:").doesNotContain("hook-secret").isNotEqualTo(b);
        assertThat(cipher.decrypt(a)).isEqualTo("hook-secret");
        assertThat(cipher.fingerprint("hook-secret")).hasSize(16).isEqualTo(cipher.fingerprint("hook-secret"))
                .isNotEqualTo(cipher.fingerprint("other"));
    }

    @Test
    void aTamperedCiphertextOrAWrongKeyIsRefused() {
        SecretCipher cipher = new SecretCipher(new SecretProperties(K1, "k1", null));
        String sealed = cipher.encrypt("hook-secret");
        byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
        raw[raw.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt("k1:" + Base64.getEncoder().encodeToString(raw)))
                .hasMessageContaining("tampered");
        assertThatThrownBy(() -> new SecretCipher(new SecretProperties(K2, "k1", null)).decrypt(sealed))
                .hasMessageContaining("wrong key");
        assertThatThrownBy(() -> cipher.decrypt("k9:" + sealed.substring(3))).hasMessageContaining("k9");
    }

    @Test
    void afterARotationOldCiphertextsStillDecrypt() {
        String old = new SecretCipher(new SecretProperties(K1, "k1", null)).encrypt("hook-secret");
        SecretCipher rotated = new SecretCipher(new SecretProperties(K2, "k2", Map.of("k1", K1)));
        assertThat(rotated.decrypt(old)).isEqualTo("hook-secret");
        assertThat(rotated.encrypt("x")).startsWith("k2:");
    }

    @Test
    void noKeyNoStart() {
        assertThatThrownBy(() -> new SecretCipher(new SecretProperties("", null, null)))
                .hasMessageContaining("CHAINWATCH_ALERT_SECRETS_KEY");
        assertThatThrownBy(() -> new SecretCipher(new SecretProperties(
                Base64.getEncoder().encodeToString(new byte[16]), null, null))).hasMessageContaining("32 bytes");
    }

    /** A receiver secret and its fingerprint as stored by the cipher before it moved to chainwatch-security. */
    @Test
    void whatTheEarlierCipherStoredStillDecryptsAndFingerprintsTheSame() {
        SecretCipher cipher = new SecretCipher(
                new SecretProperties("AQgPFh0kKzI5QEdOVVxjanF4f4aNlJuiqbC3vsXM09o=", "compat-k1", null));
        String stored = "compat-k1:VbZywrv8BH19VC11EWa7kvwpXNs+xBzG2kGLE/0lPNNa7/8Qk4ibEfrYl13g";
        assertThat(cipher.decrypt(stored)).isEqualTo("hook-secret \u00e9\u2713");
        assertThat(cipher.fingerprint("hook-secret \u00e9\u2713")).isEqualTo("243583795fe20cb0");
    }
}
