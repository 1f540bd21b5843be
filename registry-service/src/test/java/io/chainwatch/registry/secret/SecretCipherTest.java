package io.chainwatch.registry.secret;

import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.RegistryProperties;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretCipherTest {

    static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    static SecretCipher cipher(String active, Map<String, String> keys) {
        return new SecretCipher(new RegistryProperties.Secrets(active, keys, Duration.ofHours(1)));
    }

    @Test
    void roundTripWithAFreshIvEachTime() {
        SecretCipher cipher = cipher("a", Map.of("a", KEY_A));
        UUID id = UUID.randomUUID();
        byte[] first = cipher.encrypt(id, "s3cret");
        byte[] second = cipher.encrypt(id, "s3cret");
        assertThat(first).isNotEqualTo(second).hasSize(12 + 6 + 16);
        assertThat(cipher.decrypt(id, "a", first)).isEqualTo("s3cret");
        assertThat(cipher.decrypt(id, "a", second)).isEqualTo("s3cret");
    }

    @Test
    void aCiphertextIsBoundToItsRowAndKeyAndDetectsTampering() {
        SecretCipher cipher = cipher("a", Map.of("a", KEY_A, "b", KEY_B));
        UUID id = UUID.randomUUID();
        byte[] ciphertext = cipher.encrypt(id, "s3cret");
        assertThatThrownBy(() -> cipher.decrypt(UUID.randomUUID(), "a", ciphertext)).hasMessageContaining("does not decrypt");
        assertThatThrownBy(() -> cipher.decrypt(id, "b", ciphertext)).hasMessageContaining("does not decrypt");
        ciphertext[20] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(id, "a", ciphertext)).hasMessageContaining("does not decrypt");
    }

    @Test
    void oldKeysStillDecryptAfterANewKeyBecomesActive() {
        UUID id = UUID.randomUUID();
        byte[] underA = cipher("a", Map.of("a", KEY_A)).encrypt(id, "value");
        SecretCipher rotated = cipher("b", Map.of("a", KEY_A, "b", KEY_B));
        assertThat(rotated.activeKeyId()).isEqualTo("b");
        assertThat(rotated.decrypt(id, "a", underA)).isEqualTo("value");
        assertThatThrownBy(() -> cipher("b", Map.of("b", KEY_B)).decrypt(id, "a", underA))
                .hasMessageContaining("key 'a', which is not configured");
    }

    @Test
    void badKeyConfigurationIsRefusedAtStart() {
        assertThatThrownBy(() -> cipher("a", Map.of("a", Base64.getEncoder().encodeToString(new byte[16]))))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> cipher("a", Map.of("a", "not base64!"))).hasMessageContaining("not base64");
        assertThatThrownBy(() -> cipher("c", Map.of("a", KEY_A))).hasMessageContaining("not among the configured keys");
        assertThatThrownBy(() -> new SecretCipher((RegistryProperties.Secrets) null))
                .hasMessageContaining("CHAINWATCH_REGISTRY_SECRETS_ACTIVE_KEY");
    }

    @Test
    void fingerprintIsKeyedAndPerOrganization() {
        SecretCipher cipher = cipher("a", Map.of("a", KEY_A));
        UUID org = UUID.randomUUID();
        String fingerprint = cipher.fingerprint(org, "abc");
        assertThat(fingerprint).startsWith("hmac:").hasSize("hmac:".length() + 16);
        assertThat(cipher.fingerprint(org, "abc")).isEqualTo(fingerprint);
        assertThat(cipher.fingerprint(org, "abd")).isNotEqualTo(fingerprint);
        // the same secret in another organization cannot be matched
        assertThat(cipher.fingerprint(UUID.randomUUID(), "abc")).isNotEqualTo(fingerprint);
        // without the key, the unkeyed digest of a guess does not match
        assertThat(fingerprint).doesNotContain("ba7816bf8f01cfea");
        assertThat(cipher("b", Map.of("b", KEY_B)).fingerprint(org, "abc")).isNotEqualTo(fingerprint);
    }

    /** A secret row (key id, ciphertext) as stored by the cipher before it moved to chainwatch-security. */
    @Test
    void whatTheEarlierCipherStoredStillDecrypts() {
        SecretCipher cipher = cipher("compat-k1", Map.of("compat-k1", "AwoRGB8mLTQ7QklQV15lbHN6gYiPlp2kq7K5wMfO1dw="));
        UUID row = UUID.fromString("6f1c2b3a-4d5e-4f60-8a71-92b3c4d5e6f7");
        byte[] stored = Base64.getDecoder().decode("3iqCHo5DqUnGu6elu5vl/0DDSGYN1UkctoYOzMOU0NgTvNZodaTcg54mnFHl3lY=");
        assertThat(cipher.decrypt(row, "compat-k1", stored)).isEqualTo("fabric-secret \u00e9\u2713");
    }
}
