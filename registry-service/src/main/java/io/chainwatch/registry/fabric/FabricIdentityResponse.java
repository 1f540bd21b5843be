package io.chainwatch.registry.fabric;

import java.time.Instant;
import java.util.UUID;

import io.chainwatch.registry.secret.SecretView;

/**
 * A Fabric client identity as the API shows it: the certificate and what it says, and whether a private key is
 * set (with its fingerprint), never the key.
 *
 * @param certificateFingerprint {@code sha256:} and the SHA-256 of the certificate's DER encoding, hex
 */
public record FabricIdentityResponse(UUID orgId, String mspId, String subject, String issuer, String serialNumber,
        Instant notBefore, Instant notAfter, String certificateFingerprint, String certificatePem,
        SecretView privateKey, Instant createdAt, Instant updatedAt, long version) {
}
