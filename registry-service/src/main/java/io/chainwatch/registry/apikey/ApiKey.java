package io.chainwatch.registry.apikey;

import java.time.Instant;
import java.util.UUID;

import io.chainwatch.security.Role;

/**
 * A stored API key: never the key itself, only its SHA-256 ({@code keyHash}, hex).
 *
 * @param prefix     the 8 characters after {@code cw_}, unique; finds the key on verification
 * @param createdBy  the subject of the caller who created it
 * @param expiresAt  after it the key is refused; {@code null}: no expiry
 * @param lastUsedAt last successful verification, at most a minute behind
 * @param revokedAt  when it was revoked; {@code null} while valid
 */
record ApiKey(UUID id, UUID orgId, String name, Role role, String prefix, String keyHash, Instant createdAt,
        String createdBy, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {

    /** Whether the key may be used at {@code now}. */
    boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
