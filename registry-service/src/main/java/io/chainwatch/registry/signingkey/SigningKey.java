package io.chainwatch.registry.signingkey;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code registry.signing_key}; {@code address} lower-case 0x-hex. */
record SigningKey(UUID id, UUID orgId, String name, String address, UUID keySecretId, Origin origin,
        Instant createdAt) {

    /** Where the private key came from. */
    enum Origin {
        GENERATED, IMPORTED
    }
}
