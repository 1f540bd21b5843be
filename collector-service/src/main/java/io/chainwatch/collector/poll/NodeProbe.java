package io.chainwatch.collector.poll;

import io.chainwatch.events.NodeSample;

/** Polls one node. Never throws for a node's failure: the sample's outcome says what went wrong. */
public interface NodeProbe extends AutoCloseable {

    /**
     * Polls the node once.
     *
     * @param polledAtMs when the poll starts, epoch milliseconds (the sample's {@code polledAtMs})
     */
    NodeSample poll(long polledAtMs);

    /** Releases the node's resources (client threads, connections). */
    @Override
    void close();
}
