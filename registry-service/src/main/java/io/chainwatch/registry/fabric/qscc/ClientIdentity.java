package io.chainwatch.registry.fabric.qscc;

import org.hyperledger.fabric.client.identity.Identity;
import org.hyperledger.fabric.client.identity.Signer;

/** A client identity as the Gateway client needs it: MSP id and certificate, and a signer holding the private key. */
public record ClientIdentity(Identity identity, Signer signer) {

    /** Names the MSP only: the signer holds a private key, which is never printed or logged. */
    @Override
    public String toString() {
        return "ClientIdentity[" + identity.getMspId() + "]";
    }
}
