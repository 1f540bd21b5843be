package io.chainwatch.alert.evaluate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;

/** What is known about one node: its target, whether it answers, and its series (own and per Fabric channel). */
final class NodeState {
    final UUID nodeId;
    NodeTarget target;
    UUID chainId;
    UUID orgId;
    long learnedAtMs;
    /** The latest sample over all series. */
    NodeSample last;
    long lastReceivedMs;
    long failingSinceMs = -1;
    /** How the latest failed poll went, null when none failed since this instance learned of the node. */
    io.chainwatch.events.PollOutcome lastFailure;
    final Series own = new Series(this, null);
    Map<String, Series> channels;

    NodeState(UUID nodeId, long learnedAtMs) {
        this.nodeId = nodeId;
        this.learnedAtMs = learnedAtMs;
    }

    String name() {
        if (target != null && target.nodeName() != null) {
            return target.nodeName();
        }
        String source = last == null ? null : last.info().get("cdc.source"); // a database table read by CDC
        return source != null ? source : String.valueOf(nodeId);
    }

    Series series(String channel, boolean create) {
        if (channel == null) {
            return own;
        }
        if (channels == null) {
            if (!create) {
                return null;
            }
            channels = new HashMap<>(4);
        }
        Series s = channels.get(channel);
        if (s == null && create) {
            s = new Series(this, channel);
            channels.put(channel, s);
        }
        return s;
    }

    /** Own series first, then the channels. */
    List<Series> allSeries() {
        if (channels == null || channels.isEmpty()) {
            return List.of(own);
        }
        List<Series> out = new ArrayList<>(1 + channels.size());
        out.add(own);
        out.addAll(channels.values());
        return out;
    }
}
