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
 * <p>The collectors' key pair is of the same kind: the registry holds the public key and seals organizations'
 * Fabric identities for the collectors ({@link SealedSecrets}), which alone hold the private key.
 *
 * <p>{@code java -cp chainwatch-security.jar io.chainwatch.security.InternalKeys} prints new pairs as environment
 * lines; with {@code --write <gatewayDir> <servicesDir> [<collectorDir>]} it writes them as Spring config-tree files
 * (file name = property name), unless they exist already — docker-compose runs that once into volumes: the
 * internal-token private key's mounted only by the gateway, the collectors' private key only by the collectors, the
 * public keys by the services.
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

    /** Property the gateway reads its private key from. */
    public static final String PRIVATE_KEY_PROPERTY = "chainwatch.gateway.internal-token.private-key";

    /** Property the services read the public key from. */
    public static final String PUBLIC_KEY_PROPERTY = "chainwatch.security.internal-token.public-key";

    /** Property the registry reads the collectors' public key from (it seals Fabric identities for them). */
    public static final String COLLECTOR_PUBLIC_KEY_PROPERTY = "chainwatch.registry.collector-key.public-key";

    /** Property the collectors read their private key from (they open the sealed Fabric identities). */
    public static final String COLLECTOR_PRIVATE_KEY_PROPERTY = "chainwatch.collector.identity-key.private-key";

    public static void main(String[] args) throws java.io.IOException {
        if ((args.length == 3 || args.length == 4) && args[0].equals("--write")) {
            writePair("internal-token", java.nio.file.Path.of(args[1], PRIVATE_KEY_PROPERTY),
                    java.nio.file.Path.of(args[2], PUBLIC_KEY_PROPERTY));
            if (args.length == 4) {
                writePair("collector", java.nio.file.Path.of(args[3], COLLECTOR_PRIVATE_KEY_PROPERTY),
                        java.nio.file.Path.of(args[2], COLLECTOR_PUBLIC_KEY_PROPERTY));
            }
            return;
        }
        KeyPair pair = generate();
        System.out.println("# the gateway signs internal tokens with this (keep it secret)");
        System.out.println("CHAINWATCH_INTERNAL_TOKEN_PRIVATE_KEY=" + encodePrivate(pair));
        System.out.println("# every service verifies them with this");
        System.out.println("CHAINWATCH_INTERNAL_TOKEN_PUBLIC_KEY=" + encodePublic(pair));
        KeyPair collectors = generate();
        System.out.println("# the collectors open the Fabric identities the registry seals for them with this (keep it secret)");
        System.out.println("CHAINWATCH_COLLECTOR_IDENTITY_KEY_PRIVATE_KEY=" + encodePrivate(collectors));
        System.out.println("# the registry seals with this");
        System.out.println("CHAINWATCH_REGISTRY_COLLECTOR_KEY_PUBLIC_KEY=" + encodePublic(collectors));
    }

    /** Writes a new pair as config-tree files, unless both exist already. */
    private static void writePair(String name, java.nio.file.Path privateFile, java.nio.file.Path publicFile)
            throws java.io.IOException {
        if (java.nio.file.Files.exists(privateFile) && java.nio.file.Files.exists(publicFile)) {
            System.out.println(name + " keys exist already: kept");
            return;
        }
        KeyPair pair = generate();
        java.nio.file.Files.createDirectories(privateFile.getParent());
        java.nio.file.Files.createDirectories(publicFile.getParent());
        java.nio.file.Files.writeString(privateFile, encodePrivate(pair));
        java.nio.file.Files.writeString(publicFile, encodePublic(pair));
        System.out.println(name + " keys written: " + privateFile + ", " + publicFile);
    }
}
