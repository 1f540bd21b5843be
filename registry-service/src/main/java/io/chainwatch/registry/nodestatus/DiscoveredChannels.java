package io.chainwatch.registry.nodestatus;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.Readings;
import io.chainwatch.registry.node.NodeService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Channels a Fabric peer has joined but its node does not watch, as the collector reports them in the peer's own
 * sample ({@code fabric.channels.unmonitored}): for a node whose {@code fabric.autoMonitorChannels} is on, they are
 * added to its channels ({@link NodeService#monitorDiscoveredChannels}: a new version through the outbox,
 * audited); for the others nothing changes (the node status lists them as discovered, not monitored).
 */
@Component
class DiscoveredChannels {

    private static final Logger log = LoggerFactory.getLogger(DiscoveredChannels.class);

    private final NodeService nodes;

    DiscoveredChannels(NodeService nodes) {
        this.nodes = nodes;
    }

    /** Applies the latest report of each node in {@code samples}; one transaction per node changed. */
    void apply(List<NodeSample> samples) {
        Map<UUID, List<String>> latest = new LinkedHashMap<>();
        for (NodeSample sample : samples) {
            if (sample.channel() != null || sample.info() == null) {
                continue;
            }
            String unmonitored = sample.info().get(Readings.FABRIC_CHANNELS_UNMONITORED);
            UUID node = sample.nodeId();
            if (node == null || unmonitored == null || unmonitored.isBlank()) {
                continue;
            }
            latest.put(node, Arrays.stream(unmonitored.split(",")).map(String::strip).filter(c -> !c.isEmpty())
                    .toList());
        }
        latest.forEach((node, channels) -> {
            try {
                List<String> added = nodes.monitorDiscoveredChannels(node, channels);
                if (!added.isEmpty()) {
                    log.info("node {}: discovered channels {} now monitored", node, String.join(", ", added));
                }
            } catch (RuntimeException e) {
                log.warn("node {}: discovered channels {} not added: {}", node, channels, e.getMessage());
            }
        });
    }
}
