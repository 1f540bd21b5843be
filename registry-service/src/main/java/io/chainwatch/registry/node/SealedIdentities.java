package io.chainwatch.registry.node;

import java.util.UUID;

/**
 * What a node's target needs of the Fabric identities organizations stored: the identity sealed for the collectors.
 * Implemented by {@code fabric.CollectorIdentities}; declared here so that nodes do not depend on the Fabric adapter
 * (which builds on nodes).
 */
public interface SealedIdentities {

    /** The configured collectors' key's fingerprint, or {@code null} when none is configured. */
    String keyFingerprint();

    /**
     * The organization's identity for the MSP sealed for the collectors, or {@code null} when it has set none or
     * no collector key is configured.
     */
    String sealed(UUID orgId, String mspId);
}
