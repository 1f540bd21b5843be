package io.chainwatch.registry.node;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.chainwatch.events.FabricTarget;

/**
 * How to reach a node of a FABRIC chain: sent to the collectors as the {@link FabricTarget} of its
 * {@code NodeTarget}. A peer (role {@code PEER}, the default) needs {@code peerEndpoint} and {@code channels}; an
 * orderer (role {@code ORDERER}) is watched through the node's {@code metricsUrl} (its operations endpoint) and, when
 * given, {@code participationUrl}; its {@code channels}, when given, are those it must serve (default: all it lists).
 *
 * @param mspId              MSP id of the identity the collector uses
 * @param channels           channels to watch on this node
 * @param peerEndpoint       the peer's gRPC endpoint, {@code host:port}
 * @param tlsRootCertPem     PEM of the CA of the node's TLS certificate; plaintext when absent
 * @param serverNameOverride TLS server name to expect when it differs from the host
 * @param role               {@code PEER} (when absent) or {@code ORDERER}
 * @param participationUrl   an orderer's channel participation API (admin endpoint), {@code https://host:port}
 * @param autoMonitorChannels a peer's: when {@code true}, a channel the peer has joined (as the collector discovers
 *                           it) is added to {@code channels} — a new version of the node, audited as
 *                           {@code node.channels.discovered} by {@code collector-discovery}; off when absent
 */
public record FabricSettings(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must be an MSP id such as Org1MSP")
        String mspId,
        @Size(max = 50)
        List<@NotNull @Pattern(regexp = "[a-z][a-z0-9.-]{0,248}", message = "must be a Fabric channel name") String> channels,
        @Size(max = 300) @Pattern(regexp = "[A-Za-z0-9.-]+:\\d{1,5}", message = "must be host:port")
        String peerEndpoint,
        @Size(max = 16384) String tlsRootCertPem,
        @Size(max = 253) String serverNameOverride,
        @Pattern(regexp = "PEER|ORDERER", message = "must be PEER or ORDERER")
        String role,
        @Size(max = 2048) @Pattern(regexp = "https?://[^\\s/]+/?", message = "must be an http or https URL without a path")
        String participationUrl,
        Boolean autoMonitorChannels) {

    /** The settings before discovery (no automatic monitoring of discovered channels). */
    public FabricSettings(String mspId, List<String> channels, String peerEndpoint, String tlsRootCertPem,
                          String serverNameOverride, String role, String participationUrl) {
        this(mspId, channels, peerEndpoint, tlsRootCertPem, serverNameOverride, role, participationUrl, null);
    }

    /** A peer's settings (the fields before orderers). */
    public FabricSettings(String mspId, List<String> channels, String peerEndpoint, String tlsRootCertPem,
                          String serverNameOverride) {
        this(mspId, channels, peerEndpoint, tlsRootCertPem, serverNameOverride, null, null);
    }

    /** Whether channels the peer has joined are added to {@link #channels} as they are discovered. */
    public boolean monitorsDiscoveredChannels() {
        return Boolean.TRUE.equals(autoMonitorChannels) && !orderer();
    }

    /** The same settings watching {@code watched}. */
    FabricSettings withChannels(List<String> watched) {
        return new FabricSettings(mspId, List.copyOf(watched), peerEndpoint, tlsRootCertPem, serverNameOverride, role,
                participationUrl, autoMonitorChannels);
    }

    /** Whether the node is an orderer. */
    public boolean orderer() {
        return FabricTarget.ROLE_ORDERER.equals(role);
    }

    FabricTarget toTarget(String sealedIdentity) {
        return new FabricTarget(mspId, channels, peerEndpoint, tlsRootCertPem, serverNameOverride, sealedIdentity,
                role == null ? FabricTarget.ROLE_PEER : role,
                participationUrl == null ? null : participationUrl.replaceAll("/$", ""));
    }
}
