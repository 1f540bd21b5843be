package io.chainwatch.events;

import java.util.List;

/**
 * How to reach a Hyperledger Fabric node: a peer's Gateway and Deliver services, or an orderer's operations endpoint
 * ({@link NodeTarget#metricsUrl()}) and channel participation API.
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
 * @param role               {@value #ROLE_PEER} (also when {@code null}) or
 *                           {@value #ROLE_ORDERER}; an orderer has no {@code peerEndpoint}, it is watched through its
 *                           operations endpoint ({@link NodeTarget#metricsUrl()}) and {@code participationUrl}
 * @param participationUrl an orderer's channel participation API, {@code https://host:adminPort} (the collector
 *                           asks {@code /participation/v1/channels} beside it), or {@code null}; over https the
 *                           collector presents the organization identity's TLS client certificate and trusts
 *                           {@code tlsRootCertPem}
 */
public record FabricTarget(
        String mspId,
        List<String> channels,
        String peerEndpoint,
        String tlsRootCertPem,
        String serverNameOverride,
        String sealedIdentity,
        String role,
        String participationUrl) {

    /** {@link #role()} of a peer. */
    public static final String ROLE_PEER = "PEER";
    /** {@link #role()} of an orderer (ordering service node). */
    public static final String ROLE_ORDERER = "ORDERER";

    public FabricTarget {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    /** Whether the node is an orderer ({@link #ROLE_ORDERER}); a missing role is a peer. */
    public boolean orderer() {
        return ROLE_ORDERER.equalsIgnoreCase(role);
    }

    /** Shows whether an identity is sealed in, not the (long, encrypted) box itself. */
    @Override
    public String toString() {
        return "FabricTarget[mspId=" + mspId + ", channels=" + channels + ", peerEndpoint=" + peerEndpoint
                + ", tls=" + (tlsRootCertPem != null) + ", serverNameOverride=" + serverNameOverride
                + ", sealedIdentity=" + (sealedIdentity == null ? "none" : "set") + ", role=" + role
                + ", participationUrl=" + participationUrl + "]";
    }
}
