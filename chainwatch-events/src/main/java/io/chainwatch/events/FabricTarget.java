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
 * @param sealedIdentity     the organization's client identity for {@code mspId} as the registry holds it, sealed
 *                           for the collectors' key (a compact JWE of a {@link FabricIdentitySecret}, purpose
 *                           {@value FabricIdentitySecret#PURPOSE}); {@code null} when the organization has set none
 *                           or the registry has no collector key
 */
public record FabricTarget(
        String mspId,
        List<String> channels,
        String peerEndpoint,
        String tlsRootCertPem,
        String serverNameOverride,
        String sealedIdentity) {

    public FabricTarget {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** A target without a sealed identity (the collector then looks in its identity directory). */
    public FabricTarget(String mspId, List<String> channels, String peerEndpoint, String tlsRootCertPem,
                        String serverNameOverride) {
        this(mspId, channels, peerEndpoint, tlsRootCertPem, serverNameOverride, null);
    }

    /** Shows whether an identity is sealed in, not the (long, encrypted) box itself. */
    @Override
    public String toString() {
        return "FabricTarget[mspId=" + mspId + ", channels=" + channels + ", peerEndpoint=" + peerEndpoint
                + ", tls=" + (tlsRootCertPem != null) + ", serverNameOverride=" + serverNameOverride
                + ", sealedIdentity=" + (sealedIdentity == null ? "none" : "set") + "]";
    }
}
