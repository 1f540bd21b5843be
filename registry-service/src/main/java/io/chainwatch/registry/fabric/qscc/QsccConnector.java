package io.chainwatch.registry.fabric.qscc;

/** Opens {@link Qscc} connections to peers; the Fabric Gateway client in production ({@link GatewayQsccConnector}). */
public interface QsccConnector {

    /**
     * Connects to the peer as {@code identity}. Nothing is sent yet; a peer that cannot be reached fails the first
     * query.
     */
    Qscc open(PeerAddress peer, ClientIdentity identity);
}
