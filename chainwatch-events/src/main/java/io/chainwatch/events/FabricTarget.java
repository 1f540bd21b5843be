package io.chainwatch.events;

import java.util.List;

/**
 * How to reach a Hyperledger Fabric peer's Gateway and Deliver services.
 *
 * @param mspId              MSP id of the organization whose identity the collector uses
 * @param channels           channels to watch on this peer
 * @param peerEndpoint       the peer's gRPC endpoint, {@code host:port}
 * @param tlsRootCertPem     PEM of the CA that signed the peer's TLS certificate, or {@code null} for plaintext
 * @param serverNameOverride TLS server name to expect when it differs from the host, or {@code null}
 */
public record FabricTarget(
        String mspId,
        List<String> channels,
        String peerEndpoint,
        String tlsRootCertPem,
        String serverNameOverride) {

    public FabricTarget {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }
}
