package io.chainwatch.registry.node;

import java.util.Set;

import io.chainwatch.security.UrlGuard;

import org.springframework.stereotype.Component;

/**
 * Checks the addresses of a node before it is stored, so that the API cannot point collectors (and the registry's
 * own adapters) at what sits next to ChainWatch: the RPC URL (http, https, or a websocket URL), the metrics URL and
 * the Fabric peer's host and an orderer's participation API must resolve to ranges the {@link UrlGuard}'s policy allows; otherwise a 400 problem naming
 * the field.
 */
@Component
class NodeUrls {

    private static final Set<String> RPC_SCHEMES = Set.of("http", "https", "ws", "wss");
    private static final Set<String> HTTP_SCHEMES = Set.of("http", "https");

    private final UrlGuard guard;

    NodeUrls(UrlGuard guard) {
        this.guard = guard;
    }

    void check(String rpcUrl, String metricsUrl, FabricSettings fabric) {
        guard.check("rpcUrl", rpcUrl, RPC_SCHEMES);
        if (metricsUrl != null && !metricsUrl.isBlank()) {
            guard.check("metricsUrl", metricsUrl, HTTP_SCHEMES);
        }
        if (fabric != null && fabric.peerEndpoint() != null) {
            String endpoint = fabric.peerEndpoint().strip();
            int colon = endpoint.lastIndexOf(':');
            guard.checkHost("fabric.peerEndpoint", colon > 0 ? endpoint.substring(0, colon) : endpoint);
        }
        if (fabric != null && fabric.participationUrl() != null && !fabric.participationUrl().isBlank()) {
            guard.check("fabric.participationUrl", fabric.participationUrl(), HTTP_SCHEMES);
        }
    }
}
