package io.chainwatch.registry.fabric.qscc;

/**
 * Where a peer's gRPC endpoint is and how to trust it.
 *
 * @param endpoint           {@code host:port}
 * @param tlsRootCertPem     PEM of the CA of the peer's TLS certificate; plaintext gRPC when {@code null} or blank
 * @param serverNameOverride TLS server name to expect when it differs from the host, or {@code null}
 */
public record PeerAddress(String endpoint, String tlsRootCertPem, String serverNameOverride) {
}
