package io.chainwatch.registry.signingkey;

import java.time.Instant;
import java.util.UUID;

import io.chainwatch.registry.secret.SecretView;

/**
 * A signing key as the API shows it: its address and {@code privateKey: {set, fingerprint}}, never the key.
 *
 * @param origin        {@code GENERATED} (by the registry) or {@code IMPORTED}
 * @param liveContracts how many contracts that are not terminated it deployed (a key in use cannot be deleted)
 */
public record SigningKeyResponse(UUID id, UUID orgId, String name, String address, String origin,
        SecretView privateKey, long liveContracts, Instant createdAt) {
}
