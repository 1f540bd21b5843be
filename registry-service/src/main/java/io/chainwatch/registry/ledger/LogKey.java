package io.chainwatch.registry.ledger;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The log's Ed25519 key: signs tree heads and entries; its public half is published by the API. */
@Component
public class LogKey {

    private static final Logger log = LoggerFactory.getLogger(LogKey.class);

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    LogKey(LedgerProperties properties) {
        if (properties.signingKey() == null || properties.signingKey().isBlank()) {
            KeyPair pair = LogSignatures.generate();
            privateKey = pair.getPrivate();
            publicKey = pair.getPublic();
            log.warn("chainwatch.registry.ledger.signing-key is not set: the log signs with a key made now, lost at"
                    + " stop. Set a fixed key (LedgerVerifier --new-key makes one) so that auditors can pin it.");
        } else {
            privateKey = LogSignatures.decodePrivate(properties.signingKey());
            publicKey = derivePublic(privateKey);
        }
        keyId = LogSignatures.keyId(publicKey);
        log.info("ledger signing key id {}", keyId);
    }

    /**
     * The public key of an Ed25519 private key: RFC 8032 derives it from the 32-byte seed, so the JDK's key pair
     * generator is handed the seed as its random bytes; a signature of a probe proves the pair matches.
     */
    private static PublicKey derivePublic(PrivateKey key) {
        try {
            byte[] seed = ((java.security.interfaces.EdECPrivateKey) key).getBytes()
                    .orElseThrow(() -> new IllegalArgumentException("the Ed25519 private key has no seed bytes"));
            java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("Ed25519");
            generator.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
            KeyPair pair = generator.generateKeyPair();
            byte[] probe = "probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (!LogSignatures.verify(pair.getPublic(), probe, LogSignatures.sign(key, probe))) {
                throw new IllegalStateException("could not derive the public key of the configured signing key");
            }
            return pair.getPublic();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hands out the seed as the "random" bytes of key generation. */
    private static final class FixedRandom extends java.security.SecureRandom {

        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }

    public byte[] sign(byte[] message) {
        return LogSignatures.sign(privateKey, message);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String publicKeyBase64() {
        return LogSignatures.encode(publicKey);
    }

    public String keyId() {
        return keyId;
    }
}
