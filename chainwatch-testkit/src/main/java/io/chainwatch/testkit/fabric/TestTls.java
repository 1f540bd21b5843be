package io.chainwatch.testkit.fabric;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.client.identity.Identities;

/**
 * TLS material as a Fabric network's TLS CA issues it (cryptogen / fabric-ca style): an EC P-256 CA certificate and
 * a server certificate it signs for one DNS name, e.g. {@code peer0.org1.example.com} — and only that name, as on a
 * real network, so that a client reaching the peer by IP must set the expected server name.
 *
 * @param caPem         the TLS CA's certificate, PEM: what a node's {@code tlsRootCertPem} holds
 * @param serverCertPem the peer's TLS certificate, PEM
 * @param serverKeyPem  its private key, PKCS#8 PEM
 * @param serverName    the DNS name the certificate is for
 * @param clientCertPem a client TLS certificate from the same CA (for peers that require client certificates)
 * @param clientKeyPem  its private key, PKCS#8 PEM
 */
public record TestTls(String caPem, String serverCertPem, String serverKeyPem, String serverName,
                      String clientCertPem, String clientKeyPem) {

    /**
     * A new CA, a server certificate for {@code serverName} and a client certificate, valid from yesterday to
     * tomorrow.
     */
    public static TestTls issue(String serverName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair caKeys = generator.generateKeyPair();
            KeyPair serverKeys = generator.generateKeyPair();
            KeyPair clientKeys = generator.generateKeyPair();
            Instant now = Instant.now();
            Date from = Date.from(now.minus(1, ChronoUnit.DAYS));
            Date to = Date.from(now.plus(1, ChronoUnit.DAYS));
            X500Name caName = new X500Name("CN=tlsca.org1.example.com,O=org1.example.com");
            X509Certificate ca = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName, caKeys.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                            .addExtension(Extension.keyUsage, true,
                                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature))
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
            X509Certificate server = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, from, to,
                            new X500Name("CN=" + serverName + ",O=org1.example.com"), serverKeys.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                            .addExtension(Extension.keyUsage, true,
                                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                            .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
                            .addExtension(Extension.subjectAlternativeName, false,
                                    new GeneralNames(new GeneralName(GeneralName.dNSName, serverName)))
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
            X509Certificate client = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(caName, BigInteger.valueOf(3), from, to,
                            new X500Name("CN=collector@org1.example.com,O=org1.example.com"), clientKeys.getPublic())
                            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                            .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                            .addExtension(Extension.extendedKeyUsage, false,
                                    new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate())));
            return new TestTls(Identities.toPemString(ca), Identities.toPemString(server),
                    Identities.toPemString(serverKeys.getPrivate()), serverName, Identities.toPemString(client),
                    Identities.toPemString(clientKeys.getPrivate()));
        } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Names the server only. */
    @Override
    public String toString() {
        return "TestTls[" + serverName + "]";
    }
}
