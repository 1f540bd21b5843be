package io.chainwatch.collector.fabric;

/**
 * Where the collector finds the identity it signs with for an organization (MSP id). The registry does not hold
 * identities yet; {@link DirectoryIdentities} reads them from a directory, like a Fabric wallet.
 */
public interface FabricIdentities {

    /**
     * The identity of {@code mspId}.
     *
     * @throws IdentityNotFoundException when there is none, or it cannot be read (the message never holds key material)
     */
    FabricIdentity forMsp(String mspId);

    /** No usable identity for an MSP. */
    final class IdentityNotFoundException extends RuntimeException {
        public IdentityNotFoundException(String message) {
            super(message);
        }
    }
}
