package io.chainwatch.registry.organization;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** PEM X.509 certificates of physical nodes: parsed on input, summarized on output. */
final class Certificates {

    private Certificates() {
    }

    /** The certificate, or {@code null} when the text is not exactly one PEM X.509 certificate. */
    static X509Certificate parse(String pem) {
        String text = pem.strip();
        if (!text.startsWith("-----BEGIN CERTIFICATE-----") || !text.endsWith("-----END CERTIFICATE-----")) {
            return null;
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }

    static ResourceSpaceResponse.Certificate summary(String pem) {
        if (pem == null) {
            return null;
        }
        X509Certificate certificate = parse(pem);
        if (certificate == null) {
            throw new IllegalStateException("a stored certificate does not parse");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new ResourceSpaceResponse.Certificate(certificate.getSubjectX500Principal().getName(),
                    certificate.getNotAfter().toInstant(), HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
