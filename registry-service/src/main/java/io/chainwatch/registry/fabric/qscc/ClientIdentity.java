package io.chainwatch.registry.fabric.qscc;

import org.hyperledger.fabric.client.identity.Identity;
import org.hyperledger.fabric.client.identity.Signer;

/**
 * A client identity as the Gateway client needs it: MSP id and certificate, and a signer holding the private key;
 * and for peers that require TLS client certificates, the TLS client certificate and key (PEM), else {@code null}.
 */
public record ClientIdentity(Identity identity, Signer signer, String tlsCertificatePem, String tlsPrivateKeyPem) {

    /** An identity without a TLS client certificate. */
    public ClientIdentity(Identity identity, Signer signer) {
        this(identity, signer, null, null);
    }

    /** Names the MSP only: the signer holds a private key, which is never printed or logged. */
    @Override
    public String toString() {
        return "ClientIdentity[" + identity.getMspId() + "]";
    }
}
