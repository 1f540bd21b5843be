package io.chainwatch.registry.platform;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} from PEM text: a certificate chain with its PKCS#8 private key (EC or RSA) to present,
 * and optionally the CA certificates to trust instead of the JDK's defaults.
 */
public final class TlsMaterial {

    private static final char[] PASSWORD = "in-memory".toCharArray();

    private TlsMaterial() {
    }

    /**
     * @param certificatePem the certificate (chain) to present, or {@code null} for none
     * @param privateKeyPem  its key, {@code -----BEGIN PRIVATE KEY-----} (PKCS#8), or {@code null}
     * @param trustedCaPem   CA certificates to trust, or {@code null} for the JDK's trust store
     * @throws IllegalArgumentException when a PEM text does not parse, saying which
     */
    public static SSLContext context(String certificatePem, String privateKeyPem, String trustedCaPem) {
        try {
            KeyManagerFactory keyManagers = null;
            if (certificatePem != null) {
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("client", privateKey(privateKeyPem), PASSWORD,
                        certificates(certificatePem, "certificate").toArray(new Certificate[0]));
                keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keyManagers.init(keys, PASSWORD);
            }
            TrustManagerFactory trustManagers = null;
            if (trustedCaPem != null) {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                int i = 0;
                for (Certificate ca : certificates(trustedCaPem, "caCertificate")) {
                    trust.setCertificateEntry("ca-" + i++, ca);
                }
                trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trustManagers.init(trust);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers == null ? null : keyManagers.getKeyManagers(),
                    trustManagers == null ? null : trustManagers.getTrustManagers(), null);
            return context;
        } catch (java.io.IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("TLS material could not be loaded: " + e.getMessage(), e);
        }
    }

    /** Checks that the texts parse (for request validation); throws {@link IllegalArgumentException} otherwise. */
    public static void check(String certificatePem, String privateKeyPem, String trustedCaPem) {
        context(certificatePem, privateKeyPem, trustedCaPem);
    }

    private static Collection<? extends Certificate> certificates(String pem, String what) {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.strip().getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(what + " holds no PEM certificate");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " is not a PEM X.509 certificate", e);
        }
    }

    private static PrivateKey privateKey(String pem) {
        if (pem == null || !pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IllegalArgumentException("privateKey must be an unencrypted PKCS#8 PEM key "
                    + "(-----BEGIN PRIVATE KEY-----; convert with openssl pkcs8 -topk8 -nocrypt)");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("privateKey is not valid base64 PEM", e);
        }
        for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException ignored) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("privateKey is not an EC, RSA or Ed25519 PKCS#8 key");
    }
}
