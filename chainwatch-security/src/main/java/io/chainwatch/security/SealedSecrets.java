package io.chainwatch.security;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.util.HexFormat;
import java.util.Objects;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;

/**
 * A secret sealed for one holder of a private key: a compact JWE (RFC 7516), ECDH-ES with an ephemeral key and
 * AES key wrap ({@code ECDH-ES+A256KW}), content in AES-256-GCM — the registry seals an organization's Fabric
 * identity with the collectors' public key, so that it travels on the (compacted) targets topic as ciphertext only
 * the collectors can open. Whoever reads the topic, or the registry's outbox, learns nothing of the key.
 *
 * <p>The header names a purpose ({@code typ}) and the recipient key's {@linkplain #fingerprint fingerprint}
 * ({@code kid}): a box opened for another purpose, or with another key, fails with a message that says which, never
 * with any of the content.
 */
public final class SealedSecrets {

    private SealedSecrets() {
    }

    /** Seals {@code plaintext} for the holder of the private key of {@code recipient}. */
    public static String seal(ECPublicKey recipient, String purpose, String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A256GCM)
                .type(new JOSEObjectType(purpose)).keyID(fingerprint(recipient)).build();
        JWEObject box = new JWEObject(header, new Payload(plaintext));
        try {
            box.encrypt(new ECDHEncrypter(recipient));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot seal with this EC key", e);
        }
        return box.serialize();
    }

    /**
     * Opens a box sealed by {@link #seal} for {@code purpose} with the recipient's private key.
     *
     * @throws CannotOpenException when it is no such box, was sealed for another purpose or key, or was altered
     */
    public static String open(ECPrivateKey privateKey, String purpose, String sealed) {
        JWEObject box;
        try {
            box = JWEObject.parse(sealed);
        } catch (ParseException | RuntimeException e) {
            throw new CannotOpenException("not a sealed " + purpose + " (no compact JWE)");
        }
        JWEHeader header = box.getHeader();
        if (header.getType() == null || !purpose.equals(header.getType().getType())) {
            throw new CannotOpenException("sealed for " + (header.getType() == null ? "no purpose" : "'"
                    + header.getType().getType() + "'") + ", not for " + purpose);
        }
        try {
            box.decrypt(new ECDHDecrypter(privateKey));
        } catch (JOSEException | RuntimeException e) {
            throw new CannotOpenException("the " + purpose + " sealed for key " + header.getKeyID()
                    + " does not open with this service's private key: the sender and this service hold different"
                    + " key pairs, or the box was altered");
        }
        return box.getPayload().toString();
    }

    /** {@code sha256:} and the first 16 hex digits of the SHA-256 of the key's X.509 encoding. */
    public static String fingerprint(ECPublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A box that cannot be opened; the message names why and never holds any content. */
    public static final class CannotOpenException extends RuntimeException {
        public CannotOpenException(String message) {
            super(message);
        }
    }
}
