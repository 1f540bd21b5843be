package io.chainwatch.collector.fabric;

import org.hyperledger.fabric.client.identity.Identity;
import org.hyperledger.fabric.client.identity.Signer;

/** An organization's identity as the Gateway client needs it: certificate (with MSP id) and a signer of its key. */
public record FabricIdentity(Identity identity, Signer signer) {

    /** Names the MSP only: the signer holds a private key, which is never printed or logged. */
    @Override
    public String toString() {
        return "FabricIdentity[" + identity.getMspId() + "]";
    }
}
