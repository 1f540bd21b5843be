package io.chainwatch.collector.fabric;

import io.chainwatch.events.FabricTarget;

/**
 * Where the collector finds the identity it signs with towards a peer: the organization's identity the registry
 * sealed into the target ({@link SealedIdentities}), or one from a directory like a Fabric wallet
 * ({@link DirectoryIdentities}).
 */
public interface FabricIdentities {

    /**
     * The identity to use for {@code fabric} (its {@link FabricTarget#mspId() MSP id}).
     *
     * @throws IdentityNotFoundException when there is none, or it cannot be read (the message never holds key material)
     */
    FabricIdentity forTarget(FabricTarget fabric);

    /** No usable identity for an MSP. */
    final class IdentityNotFoundException extends RuntimeException {
        public IdentityNotFoundException(String message) {
            super(message);
        }
    }
}
