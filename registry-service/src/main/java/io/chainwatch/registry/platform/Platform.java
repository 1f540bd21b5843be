package io.chainwatch.registry.platform;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored platform; secret ids point into {@code registry.secret}. {@code tlsCaCertificate} (optional, with any
 * auth type) is what the platform's server certificate must chain to instead of the JDK's trust store.
 *
 * @param status {@code REGISTERING}, {@code ACTIVE} or {@code REJECTED}
 * @param reason why it was rejected
 */
public record Platform(UUID id, UUID orgId, String name, String baseUrl, String authType, UUID tokenSecretId,
        UUID accessKeySecretId, UUID secretKeySecretId, String tlsCertificate, UUID tlsKeySecretId,
        String tlsCaCertificate, String openApi, MappingTemplate template, String status, String reason,
        Instant createdAt, Instant updatedAt, long version) {

    public static final String REGISTERING = "REGISTERING";
    public static final String ACTIVE = "ACTIVE";
    public static final String REJECTED = "REJECTED";
}
