package io.chainwatch.testkit.fabric;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.client.identity.Identities;

/**
 * Makes test identities (EC P-256 key and self-signed certificate) in the wallet layout the collector reads
 * ({@code chainwatch.collector.fabric-identity-dir}: {@code <dir>/<mspId>/cert.pem} and {@code key.pem}).
 */
public final class TestIdentities {

    private TestIdentities() {
    }

    /** Writes {@code <dir>/<mspId>/cert.pem} and {@code key.pem}; returns the certificate. */
    public static X509Certificate write(Path dir, String mspId, String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + commonName + ",O=" + mspId);
            Instant now = Instant.now();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                            Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name,
                            keys.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            Path mspDir = Files.createDirectories(dir.resolve(mspId));
            Files.writeString(mspDir.resolve("cert.pem"), Identities.toPemString(certificate));
            Files.writeString(mspDir.resolve("key.pem"), Identities.toPemString(keys.getPrivate()));
            return certificate;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
