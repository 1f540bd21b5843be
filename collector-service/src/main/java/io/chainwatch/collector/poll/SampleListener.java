package io.chainwatch.collector.poll;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;

/** Receives every poll's sample (publishing, metrics). Calls for one node never overlap. */
public interface SampleListener {

    /** One poll of {@code target} produced {@code sample}. */
    void onSample(NodeTarget target, NodeSample sample);

    /** The node is no longer polled by this instance; no sample for it follows (until it is activated again). */
    void onNodeRemoved(NodeTarget target);

    /**
     * The node was edited: {@code after}, a new version of its target, replaces {@code before} and the node goes on
     * being polled (its next samples come with {@code after}). What is kept per node (counters) continues; by
     * default the node is treated as removed.
     */
    default void onNodeReplaced(NodeTarget before, NodeTarget after) {
        onNodeRemoved(before);
    }
}
