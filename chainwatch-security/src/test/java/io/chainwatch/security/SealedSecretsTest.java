package io.chainwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SealedSecretsTest {

    private static final String SECRET = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMG...\n-----END PRIVATE KEY-----\n";

    private final KeyPair collectors = InternalKeys.generate();

    @Test
    void theHolderOfThePrivateKeyOpensWhatWasSealedForIt() {
        String sealed = SealedSecrets.seal(publicKey(collectors), "fabric-identity", SECRET);

        assertThat(sealed.split("\\.")).hasSize(5); // compact JWE: header, key, iv, ciphertext, tag
        assertThat(sealed).doesNotContain("PRIVATE KEY").doesNotContain("MIGHAgEAMBMG");
        assertThat(SealedSecrets.open(privateKey(collectors), "fabric-identity", sealed))
                .isEqualTo(SECRET);
    }

    @Test
    void sealingTwiceGivesDifferentBoxes() {
        assertThat(SealedSecrets.seal(publicKey(collectors), "fabric-identity", SECRET))
                .isNotEqualTo(SealedSecrets.seal(publicKey(collectors), "fabric-identity", SECRET));
    }

    @Test
    void anotherKeyPairCannotOpenItAndIsToldWhy() {
        KeyPair other = InternalKeys.generate();
        String sealed = SealedSecrets.seal(publicKey(collectors), "fabric-identity", SECRET);

        assertThatThrownBy(() -> SealedSecrets.open(privateKey(other), "fabric-identity", sealed))
                .isInstanceOf(SealedSecrets.CannotOpenException.class)
                .hasMessageContaining(SealedSecrets.fingerprint(publicKey(collectors)))
                .hasMessageContaining("different key pairs");
    }

    @Test
    void aBoxForAnotherPurposeIsRefused() {
        String sealed = SealedSecrets.seal(publicKey(collectors), "webhook-secret", SECRET);

        assertThatThrownBy(() -> SealedSecrets.open(privateKey(collectors), "fabric-identity",
                sealed)).isInstanceOf(SealedSecrets.CannotOpenException.class).hasMessageContaining("webhook-secret");
    }

    @Test
    void anAlteredBoxIsRefusedWithoutItsContent() {
        String sealed = SealedSecrets.seal(publicKey(collectors), "fabric-identity", SECRET);
        String[] parts = sealed.split("\\.");
        byte[] ciphertext = Base64.getUrlDecoder().decode(parts[3]);
        ciphertext[0] ^= 1;
        parts[3] = Base64.getUrlEncoder().withoutPadding().encodeToString(ciphertext);
        String altered = String.join(".", parts);

        assertThatThrownBy(() -> SealedSecrets.open(privateKey(collectors), "fabric-identity",
                altered)).isInstanceOf(SealedSecrets.CannotOpenException.class).hasMessageContaining("altered")
                .hasMessageNotContaining("PRIVATE");
        assertThatThrownBy(() -> SealedSecrets.open(privateKey(collectors), "fabric-identity",
                new String(new byte[] {'x', '.', 'y'}, StandardCharsets.US_ASCII)))
                .isInstanceOf(SealedSecrets.CannotOpenException.class).hasMessageContaining("no compact JWE");
    }

    private static ECPublicKey publicKey(KeyPair pair) {
        return (ECPublicKey) pair.getPublic();
    }

    private static ECPrivateKey privateKey(KeyPair pair) {
        return (ECPrivateKey) pair.getPrivate();
    }
}
