package io.chainwatch.registry.platform;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.secret.SecretView;

/** A platform as the API returns it: credentials only as set + fingerprint; the mapped standard operations. */
public record PlatformResponse(UUID id, UUID orgId, String name, String baseUrl, String authType, SecretView token,
        SecretView accessKey, SecretView secretKey, String tlsClientCertificateSubject, SecretView tlsPrivateKey,
        boolean customCa, String status, String reason, List<String> operations, Instant createdAt, Instant updatedAt,
        long version) {
}
