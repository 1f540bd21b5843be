package io.chainwatch.collector.fabric;

import org.hyperledger.fabric.client.identity.Identity;
import org.hyperledger.fabric.client.identity.Signer;

/**
 * An organization's identity as the Gateway client needs it: certificate (with MSP id) and a signer of its key; and,
 * for peers that require TLS client certificates, the organization's TLS client certificate and key.
 *
 * @param tlsClient the TLS client certificate and key, or {@code null} (none: server-authenticated TLS only)
 */
public record FabricIdentity(Identity identity, Signer signer, TlsClient tlsClient) {

    /** An identity without a TLS client certificate. */
    public FabricIdentity(Identity identity, Signer signer) {
        this(identity, signer, null);
    }

    /** A TLS client certificate chain and its private key, both PEM, as the TLS handshake reads them. */
    public record TlsClient(String certificatePem, String privateKeyPem) {

        /** Never prints the key. */
        @Override
        public String toString() {
            return "TlsClient[(hidden)]";
        }
    }

    /** Names the MSP only: the signer holds a private key, which is never printed or logged. */
    @Override
    public String toString() {
        return "FabricIdentity[" + identity.getMspId() + "]";
    }
}
