package io.chainwatch.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The internal-token key pair: an EC P-256 key. The gateway holds the private key (PKCS#8, base64) and signs; the
 * services hold only the public key (X.509 SubjectPublicKeyInfo, base64) and verify — a service that is broken into
 * cannot mint tokens for the others.
 *
 * <p>{@code java -cp chainwatch-security.jar io.chainwatch.security.InternalKeys} prints a new pair as environment
 * lines for docker-compose.
 */
public final class InternalKeys {

    private InternalKeys() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
        }
    }

    public static String encodePrivate(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
    }

    public static String encodePublic(KeyPair pair) {
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    public static ECPrivateKey decodePrivate(String base64) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(strip(base64))));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("not a base64 PKCS#8 EC private key", e);
        }
    }

    public static ECPublicKey decodePublic(String base64) {
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(strip(base64))));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("not a base64 X.509 EC public key", e);
        }
    }

    /** Accepts PEM too: drops the armour lines and whitespace. */
    private static String strip(String text) {
        return text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    public static void main(String[] args) {
        KeyPair pair = generate();
        System.out.println("# the gateway signs internal tokens with this (keep it secret)");
        System.out.println("CHAINWATCH_INTERNAL_TOKEN_PRIVATE_KEY=" + encodePrivate(pair));
        System.out.println("# every service verifies them with this");
        System.out.println("CHAINWATCH_INTERNAL_TOKEN_PUBLIC_KEY=" + encodePublic(pair));
    }
}
