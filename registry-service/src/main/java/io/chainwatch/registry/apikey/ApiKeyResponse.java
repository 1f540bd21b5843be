package io.chainwatch.registry.apikey;

import java.time.Instant;
import java.util.UUID;

/**
 * An API key as listings show it: no key, no hash.
 *
 * @param role    {@code viewer}, {@code operator} or {@code org-admin}
 * @param prefix  the key's public part ({@code cw_<prefix>_...}), to recognize it
 */
public record ApiKeyResponse(UUID id, UUID orgId, String name, String role, String prefix, Instant createdAt,
        String createdBy, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    static ApiKeyResponse of(ApiKey key) {
        return new ApiKeyResponse(key.id(), key.orgId(), key.name(), key.role().label(), key.prefix(), key.createdAt(),
                key.createdBy(), key.expiresAt(), key.lastUsedAt(), key.revokedAt());
    }

    /**
     * The answer to creating a key: the listing's fields and, this one time only, the key itself.
     *
     * @param key {@code cw_<prefix>_<secret>}; it cannot be shown again
     */
    public record Created(UUID id, UUID orgId, String name, String role, String prefix, Instant createdAt,
            String createdBy, Instant expiresAt, String key) {
    }

    /**
     * The answer of {@code POST /internal/api-keys/verify} (the gateway's contract).
     *
     * @param role the enum name: {@code VIEWER}, {@code OPERATOR} or {@code ORG_ADMIN}
     */
    public record Verified(UUID keyId, UUID orgId, String role, String prefix) {
    }
}
