package io.chainwatch.registry.fabric;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored client identity of an organization for one MSP: the certificate, and the id of the encrypted private
 * key (registry.secret); optionally a TLS client certificate and its encrypted key, for peers that require one.
 */
record FabricIdentity(UUID orgId, String mspId, String certificatePem, UUID keySecretId, Instant createdAt,
        Instant updatedAt, long version, String tlsCertificatePem, UUID tlsKeySecretId) {
}
