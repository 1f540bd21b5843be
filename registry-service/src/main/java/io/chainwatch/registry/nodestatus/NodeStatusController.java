package io.chainwatch.registry.nodestatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.Readings;
import io.chainwatch.registry.monitoredchain.Chain;
import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.node.Node;
import io.chainwatch.registry.node.NodeService;
import io.chainwatch.registry.web.Access;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/nodes/{id}/status}, {@code GET /api/v1/chains/{id}/status} and their {@code /history} (the
 * readings charted over the last hour): a caller sees the nodes and chains
 * of its own organization (others are 404, as missing ones); an id that is not a UUID is a 400 problem.
 */
@RestController
class NodeStatusController {

    private final NodeService nodes;
    private final ChainService chains;
    private final NodeStatusStore store;
    private final NodeHistoryStore history;

    NodeStatusController(NodeService nodes, ChainService chains, NodeStatusStore store, NodeHistoryStore history) {
        this.nodes = nodes;
        this.chains = chains;
        this.store = store;
        this.history = history;
    }

    /** One bucket of a node's history: the latest sample in it; a reading the node did not report is null. */
    record HistoryPoint(Instant at, Double height, Double blockIntervalSeconds, Double tps, Double peers) {
    }

    /** A node's history: its points, oldest first; buckets without a sample are left out (gaps). */
    record NodeHistory(UUID nodeId, String name, List<HistoryPoint> points) {
    }

    /** A chain's history over {@code [from, to]}: each of its nodes with its points. */
    record ChainHistoryResponse(UUID chainId, String name, Instant from, Instant to, long bucketSeconds,
            List<NodeHistory> nodes) {
    }

    /** The last error a poll of the node reported, and when. */
    record LastError(String message, Instant at) {
    }

    /** The latest sample: when it was taken, how the poll went, its readings. */
    record Latest(Instant polledAt, String outcome, Map<String, Double> readings, Map<String, String> info,
            List<String> unsupported) {
    }

    /**
     * A node's status. {@code state} is {@code no_data} (and {@code since} the node's registration) until a first
     * sample arrives; {@code capabilities} and {@code rpcMode} are what the collector found the node offers.
     */
    record NodeStatusResponse(UUID nodeId, UUID chainId, String name, String state, Instant since, LastError lastError,
            Latest latest, List<String> capabilities, String rpcMode, FabricDiscovery fabricDiscovery) {
    }

    /**
     * A peer of a watched channel as the peer's discovery service listed it; {@code nodeId} is the node of the same
     * chain registered with that endpoint, {@code null} when none is (discovered, not registered).
     */
    record DiscoveredPeer(String channel, String endpoint, String mspId, Long ledgerHeight, UUID nodeId) {
    }

    /**
     * What the collector discovered of a Fabric peer: the channels it has joined, those the node watches, those
     * joined but not watched ({@code discoveredNotMonitored}), whether such channels are added automatically, the
     * peers of the watched channels, and why discovery failed ({@code error}, else {@code null}).
     */
    record FabricDiscovery(List<String> joinedChannels, List<String> monitoredChannels,
            List<String> discoveredNotMonitored, boolean autoMonitorChannels, List<DiscoveredPeer> peers,
            String error) {
    }

    private static final java.util.regex.Pattern PEER = java.util.regex.Pattern.compile(
            "([^\\s,]+) \\(([^,()]+), height (\\d+)\\)");

    /** A Fabric peer's discovery, from its latest sample's info and its current settings; null for other nodes. */
    private FabricDiscovery discovery(Node node, Map<String, String> info) {
        if (node.fabric() == null || node.fabric().orderer()) {
            return null;
        }
        List<String> monitored = node.fabric().channels() == null ? List.of() : node.fabric().channels();
        String joinedText = info.get(Readings.FABRIC_CHANNELS_JOINED);
        List<String> joined = joinedText == null ? null : split(joinedText);
        List<String> notMonitored = joined == null ? List.of()
                : joined.stream().filter(c -> !monitored.contains(c)).toList();
        Map<String, UUID> registered = new java.util.HashMap<>();
        for (Node other : nodes.ofChain(node.chainId())) {
            if (other.fabric() != null && other.fabric().peerEndpoint() != null) {
                registered.put(other.fabric().peerEndpoint(), other.id());
            }
        }
        List<DiscoveredPeer> peers = new ArrayList<>();
        for (String channel : monitored) {
            String text = info.get(Readings.FABRIC_CHANNEL_PEERS_PREFIX + channel);
            if (text == null) {
                continue;
            }
            java.util.regex.Matcher m = PEER.matcher(text);
            while (m.find()) {
                peers.add(new DiscoveredPeer(channel, m.group(1), m.group(2), Long.parseLong(m.group(3)),
                        registered.get(m.group(1))));
            }
        }
        return new FabricDiscovery(joined, monitored, notMonitored, node.fabric().monitorsDiscoveredChannels(), peers,
                info.get(Readings.FABRIC_DISCOVERY_ERROR));
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * One node in its chain's status: its state, height and how many blocks it is behind the best node that is up;
     * {@code lastError} is the node's last error and {@code lastErrorAt} when it happened — an up node may show an
     * error from before it recovered (older than {@code since}).
     */
    record ChainNodeStatus(UUID nodeId, String name, String state, Instant since, Double height, Double lagBlocks,
            Instant polledAt, String lastError, Instant lastErrorAt) {
    }

    /** A chain's status: its nodes, and the best height among those up ({@code null} when none is). */
    record ChainStatusResponse(UUID chainId, String name, Double bestHeight, List<ChainNodeStatus> nodes) {
    }

    @GetMapping("/api/v1/nodes/{id}/status")
    ResponseEntity<NodeStatusResponse> node(@PathVariable UUID id) {
        Node node = nodes.get(id);
        Access.visible(node.orgId(), "node", id);
        NodeStatusResponse response = store.find(id)
                .map(s -> new NodeStatusResponse(id, node.chainId(), node.name(), s.state().text(), s.since(),
                        s.lastError() == null ? null : new LastError(s.lastError(), s.lastErrorAt()),
                        new Latest(s.polledAt(), s.outcome(), s.readings(), s.info(), s.unsupported()),
                        capabilities(s.info()), s.info().get(Readings.RPC_MODE), discovery(node, s.info())))
                .orElseGet(() -> new NodeStatusResponse(id, node.chainId(), node.name(), NodeState.NO_DATA.text(),
                        node.createdAt(), null, null, List.of(), null, discovery(node, Map.of())));
        return ResponseEntity.ok(response);
    }

    @GetMapping("/api/v1/chains/{id}/status")
    ResponseEntity<ChainStatusResponse> chain(@PathVariable UUID id) {
        Chain chain = chains.get(id);
        Access.visible(chain.orgId(), "chain", id);
        Map<UUID, NodeStatusStore.Status> statuses = store.ofChain(id);
        Double best = null;
        for (NodeStatusStore.Status s : statuses.values()) {
            Double height = s.readings().get(Readings.BLOCK_HEIGHT);
            if (s.state() == NodeState.UP && height != null && (best == null || height > best)) {
                best = height;
            }
        }
        List<ChainNodeStatus> rows = new ArrayList<>();
        for (Node node : nodes.ofChain(id)) {
            NodeStatusStore.Status s = statuses.get(node.id());
            if (s == null) {
                rows.add(new ChainNodeStatus(node.id(), node.name(), NodeState.NO_DATA.text(), node.createdAt(), null,
                        null, null, null, null));
                continue;
            }
            Double height = s.readings().get(Readings.BLOCK_HEIGHT);
            Double lag = height == null || best == null ? null : Math.max(0, best - height);
            rows.add(new ChainNodeStatus(node.id(), node.name(), s.state().text(), s.since(), height, lag, s.polledAt(),
                    s.lastError(), s.lastErrorAt()));
        }
        return ResponseEntity.ok(new ChainStatusResponse(id, chain.name(), best, rows));
    }

    /**
     * The chain's nodes' height, block interval, TPS and peers over the last {@code minutes} (1 to 1440, default 60),
     * one point per bucket ({@code bucketSeconds}); nodes without any point in the period are listed with none.
     */
    @GetMapping("/api/v1/chains/{id}/history")
    ResponseEntity<ChainHistoryResponse> chainHistory(@PathVariable UUID id,
            @RequestParam(defaultValue = "60") int minutes) {
        Chain chain = chains.get(id);
        Access.visible(chain.orgId(), "chain", id);
        Instant to = Instant.now();
        Instant from = to.minus(lookback(minutes));
        Map<UUID, List<HistoryPoint>> byNode = new java.util.HashMap<>();
        for (NodeHistoryStore.Point p : history.ofChain(id, from)) {
            byNode.computeIfAbsent(p.nodeId(), n -> new ArrayList<>()).add(point(p));
        }
        List<NodeHistory> rows = nodes.ofChain(id).stream()
                .map(n -> new NodeHistory(n.id(), n.name(), byNode.getOrDefault(n.id(), List.of()))).toList();
        return ResponseEntity.ok(new ChainHistoryResponse(id, chain.name(), from, to, history.bucketMs() / 1000, rows));
    }

    /** One node's history, as in the chain's ({@code minutes} 1 to 1440, default 60). */
    @GetMapping("/api/v1/nodes/{id}/history")
    ResponseEntity<NodeHistory> nodeHistory(@PathVariable UUID id, @RequestParam(defaultValue = "60") int minutes) {
        Node node = nodes.get(id);
        Access.visible(node.orgId(), "node", id);
        Instant from = Instant.now().minus(lookback(minutes));
        return ResponseEntity.ok(new NodeHistory(id, node.name(),
                history.ofNode(id, from).stream().map(NodeStatusController::point).toList()));
    }

    private static java.time.Duration lookback(int minutes) {
        if (minutes < 1 || minutes > 1440) {
            throw new io.chainwatch.registry.web.InvalidRequestException("minutes", "must be between 1 and 1440");
        }
        return java.time.Duration.ofMinutes(minutes);
    }

    private static HistoryPoint point(NodeHistoryStore.Point p) {
        return new HistoryPoint(p.at(), p.height(), p.blockIntervalSeconds(), p.tps(), p.peers());
    }

    private static List<String> capabilities(Map<String, String> info) {
        String found = info.get(Readings.CAPABILITIES);
        return found == null || found.isBlank() ? List.of() : Arrays.asList(found.split(","));
    }
}
