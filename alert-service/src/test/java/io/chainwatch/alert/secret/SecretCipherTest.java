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
}
