package io.chainwatch.registry.nodestatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.PollOutcome;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies samples and overdue nodes to the node statuses: computes each node's state, appends every change, upserts
 * the latest statuses and records the readings in the node history — in one transaction per call, so that a consumer commits its offsets only after all are
 * durable. A sample not newer than the node's latest (a redelivery) changes nothing.
 */
@Service
class NodeStatusUpdater {

    private static final Logger log = LoggerFactory.getLogger(NodeStatusUpdater.class);

    private final NodeStatusStore store;
    private final NodeHistoryStore history;

    NodeStatusUpdater(NodeStatusStore store, NodeHistoryStore history) {
        this.store = store;
        this.history = history;
    }

    /** Per-node samples (no Fabric channel), in the order they were published. */
    @Transactional
    public int apply(List<NodeSample> samples) {
        Map<UUID, List<NodeSample>> byNode = new LinkedHashMap<>();
        for (NodeSample sample : samples) {
            UUID node = sample.nodeId();
            if (node == null || sample.chainId() == null || sample.orgId() == null
                    || sample.channel() != null || sample.outcome() == null) {
                continue;
            }
            byNode.computeIfAbsent(node, id -> new ArrayList<>()).add(sample);
        }
        Map<UUID, NodeStatusStore.Status> current = store.lock(byNode.keySet());
        Map<UUID, NodeStatusStore.Status> changed = new HashMap<>();
        List<NodeStatusStore.Change> changes = new ArrayList<>();
        List<NodeStatusStore.Status> applied = new ArrayList<>();
        for (Map.Entry<UUID, List<NodeSample>> node : byNode.entrySet()) {
            NodeStatusStore.Status status = current.get(node.getKey());
            for (NodeSample sample : node.getValue()) {
                Instant at = Instant.ofEpochMilli(sample.polledAtMs());
                if (status != null && !at.isAfter(status.polledAt())) {
                    continue;
                }
                NodeState state = NodeState.of(sample.outcome());
                Instant since = status == null ? at : status.since();
                if (status == null || status.state() != state) {
                    changes.add(new NodeStatusStore.Change(node.getKey(), sample.chainId(), sample.orgId(),
                            status == null ? null : status.state(), state, at, reason(sample)));
                    since = at;
                }
                boolean failed = sample.outcome() != PollOutcome.OK && sample.error() != null;
                status = new NodeStatusStore.Status(node.getKey(), sample.chainId(), sample.orgId(), state,
                        since, failed ? sample.error() : status == null ? null : status.lastError(),
                        failed ? at : status == null ? null : status.lastErrorAt(), at, sample.outcome().name(),
                        finite(sample.readings()), sample.info(), sample.unsupported());
                changed.put(node.getKey(), status);
                applied.add(status);
            }
        }
        store.append(changes);
        store.upsert(changed.values());
        history.record(applied);
        return changes.size();
    }

    /** Marks nodes without a sample for three poll intervals {@code no_data}; returns how many. */
    @Transactional
    public int markOverdue(Instant now, long graceMs) {
        List<NodeStatusStore.Change> changes = new ArrayList<>();
        List<NodeStatusStore.Status> statuses = new ArrayList<>();
        for (NodeStatusStore.Overdue overdue : store.lockOverdue(now, graceMs)) {
            NodeStatusStore.Status s = overdue.status();
            long afterMs = 3 * overdue.pollIntervalMs() + (s.state() == NodeState.UP ? 0 : graceMs);
            Instant at = s.polledAt().plusMillis(afterMs);
            changes.add(new NodeStatusStore.Change(s.nodeId(), s.chainId(), s.orgId(), s.state(), NodeState.NO_DATA, at,
                    "no sample since " + s.polledAt() + " (" + afterMs + " ms)"));
            statuses.add(new NodeStatusStore.Status(s.nodeId(), s.chainId(), s.orgId(), NodeState.NO_DATA, at,
                    s.lastError(), s.lastErrorAt(), s.polledAt(), s.outcome(), s.readings(), s.info(), s.unsupported()));
        }
        store.append(changes);
        store.upsert(statuses);
        if (!changes.isEmpty()) {
            log.info("{} nodes without samples marked no_data", changes.size());
        }
        return changes.size();
    }

    private static String reason(NodeSample sample) {
        return switch (sample.outcome()) {
            case OK -> "poll OK";
            default -> sample.error() == null ? sample.outcome().name() : sample.error();
        };
    }

    /** Readings as JSON can hold them: NaN and infinities left out. */
    private static Map<String, Double> finite(Map<String, Double> readings) {
        Map<String, Double> kept = new HashMap<>();
        readings.forEach((name, value) -> {
            if (value != null && Double.isFinite(value)) {
                kept.put(name, value);
            }
        });
        return kept;
    }
}
