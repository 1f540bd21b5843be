package io.chainwatch.registry.ledger;

import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The configured log key: its public half is derived right, and what it signs verifies with the published key. */
class LogKeyTest {

    @Test
    void aConfiguredKeyPublishesItsOwnPublicKey() {
        KeyPair pair = LogSignatures.generate();
        LogKey key = new LogKey(new LedgerProperties(
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), Duration.ofSeconds(60), "g"));
        assertThat(key.publicKeyBase64()).isEqualTo(LogSignatures.encode(pair.getPublic()));
        assertThat(key.keyId()).isEqualTo(LogSignatures.keyId(pair.getPublic()));
        byte[] head = LogSignatures.treeHeadBytes(1L, 2L, new byte[32]);
        assertThat(head).hasSize(50);
        assertThat(LogSignatures.verify(pair.getPublic(), head, key.sign(head))).isTrue();
        assertThat(LogSignatures.verify(pair.getPublic(), LogSignatures.treeHeadBytes(1L, 3L, new byte[32]),
                key.sign(head))).isFalse();
    }
}
