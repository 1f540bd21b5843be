package io.chainwatch.registry.node;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.chainwatch.events.FabricTarget;

/**
 * How to reach a node of a FABRIC chain: sent to the collectors as the {@link FabricTarget} of its
 * {@code NodeTarget}.
 *
 * @param mspId              MSP id of the identity the collector uses
 * @param channels           channels to watch on this peer
 * @param peerEndpoint       the peer's gRPC endpoint, {@code host:port}
 * @param tlsRootCertPem     PEM of the CA of the peer's TLS certificate; plaintext when absent
 * @param serverNameOverride TLS server name to expect when it differs from the host
 */
public record FabricSettings(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+", message = "must be an MSP id such as Org1MSP")
        String mspId,
        @NotEmpty @Size(max = 50)
        List<@NotNull @Pattern(regexp = "[a-z][a-z0-9.-]{0,248}", message = "must be a Fabric channel name") String> channels,
        @NotBlank @Size(max = 300) @Pattern(regexp = "[A-Za-z0-9.-]+:\\d{1,5}", message = "must be host:port")
        String peerEndpoint,
        @Size(max = 16384) String tlsRootCertPem,
        @Size(max = 253) String serverNameOverride) {

    FabricTarget toTarget(String sealedIdentity) {
        return new FabricTarget(mspId, channels, peerEndpoint, tlsRootCertPem, serverNameOverride, sealedIdentity);
    }
}
