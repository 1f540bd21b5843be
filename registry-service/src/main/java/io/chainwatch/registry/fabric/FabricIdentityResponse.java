package io.chainwatch.registry.fabric;

import java.time.Instant;
import java.util.UUID;

import io.chainwatch.registry.secret.SecretView;

/**
 * A Fabric client identity as the API shows it: the certificate and what it says, and whether a private key is
 * set (with its fingerprint), never the key.
 *
 * @param certificateFingerprint {@code sha256:} and the SHA-256 of the certificate's DER encoding, hex
 * @param tlsCertificate the TLS client certificate, or {@code null} when none is set
 * @param tlsPrivateKey  whether its key is set, and its fingerprint; {@code null} when none is set
 */
public record FabricIdentityResponse(UUID orgId, String mspId, String subject, String issuer, String serialNumber,
        Instant notBefore, Instant notAfter, String certificateFingerprint, String certificatePem,
        SecretView privateKey, Instant createdAt, Instant updatedAt, long version, TlsCertificate tlsCertificate,
        SecretView tlsPrivateKey) {

    /** What the API shows of a TLS client certificate. */
    public record TlsCertificate(String subject, String issuer, Instant notAfter, String fingerprint,
            String certificatePem) {
    }
}
