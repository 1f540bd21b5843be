package io.chainwatch.registry.ledger;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * What the log key signs, and Ed25519 signing and checking (JDK only: the verifier command uses it as it is).
 *
 * <ul>
 * <li>A tree head: RFC 6962 §3.5 {@code TreeHeadSignature} — {@code version} 0 (v1), {@code signature_type} 1
 * ({@code tree_hash}), {@code timestamp} (uint64, ms), {@code tree_size} (uint64), {@code sha256_root_hash} (32
 * bytes): 50 bytes.</li>
 * <li>An entry (like RFC 6962's signed certificate timestamp, binding an entry to its place): the ASCII bytes
 * {@code CWLEAF1}, {@code leaf_index} (uint64), {@code appended_at} (uint64, ms), {@code leaf_hash} (32 bytes).</li>
 * </ul>
 * Key id: the lowercase hex SHA-256 of the public key's X.509 encoding.
 */
public final class LogSignatures {

    private static final byte[] ENTRY_PREFIX = "CWLEAF1".getBytes(StandardCharsets.US_ASCII);

    private LogSignatures() {
    }

    public static byte[] treeHeadBytes(long timestampMs, long treeSize, byte[] root) {
        return ByteBuffer.allocate(2 + 8 + 8 + 32).put((byte) 0).put((byte) 1).putLong(timestampMs).putLong(treeSize)
                .put(root).array();
    }

    public static byte[] entryBytes(long index, long appendedAtMs, byte[] leafHash) {
        return ByteBuffer.allocate(ENTRY_PREFIX.length + 8 + 8 + 32).put(ENTRY_PREFIX).putLong(index)
                .putLong(appendedAtMs).put(leafHash).array();
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make Ed25519 keys", e);
        }
    }

    public static PrivateKey decodePrivate(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 PKCS#8 Ed25519 private key", e);
        }
    }

    public static PublicKey decodePublic(String base64) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a base64 X.509 Ed25519 public key", e);
        }
    }

    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String keyId(PublicKey key) {
        return MerkleTree.hex(MerkleTree.sha256().digest(key.getEncoded()));
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the log key", e);
        }
    }

    public static boolean verify(PublicKey key, byte[] message, byte[] signatureBytes) {
        if (signatureBytes == null) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] decode(String base64) {
        return Base64.getDecoder().decode(base64.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }
}
