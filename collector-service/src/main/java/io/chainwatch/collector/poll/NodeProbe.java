package io.chainwatch.collector.poll;

import java.util.List;
import java.util.concurrent.CompletionStage;

import io.chainwatch.events.NodeSample;

/** Polls one node. Never throws for a node's failure: the sample's outcome says what went wrong. */
public interface NodeProbe extends AutoCloseable {

    /**
     * Polls the node once.
     *
     * @param polledAtMs when the poll starts, epoch milliseconds (the sample's {@code polledAtMs})
     */
    NodeSample poll(long polledAtMs);

    /**
     * Polls the node once and returns every sample of the poll: by default the one of {@link #poll}; a probe whose
     * node has several scopes (a Fabric peer's channels) returns one per scope, the node's own sample first.
     */
    default List<NodeSample> pollAll(long polledAtMs) {
        return List.of(poll(polledAtMs));
    }

    /**
     * The node's target was edited: this probe, opened for the new version, replaces {@code previous} (the probe of
     * the former version, polled no more and closed right after this call) and continues what it counted, so that
     * an edit loses no event (a Fabric peer's block streams go on from the block after the last one seen). Called
     * with the undecorated probes. By default nothing is carried.
     */
    default void continueFrom(NodeProbe previous) {
    }

    /**
     * Gives the probe a way to have its node polled at once, for news it learns between polls that a sample should
     * carry without waiting for the poll interval: a block the node pushed (an Ethereum head over WebSocket, a block
     * on a Fabric channel's deliver stream) that ends a silence of more than twice the poll interval
     * ({@link NewsAfterSilence}: a chain that stalled and goes on, so that its alert resolves promptly), or, for an
     * Ethereum node polled over HTTP only, a block number above the polled head found by its silence watch.
     * Called once, by the scheduler, after the probe is opened; {@code pollNow} may be run from any thread and
     * returns at once. By default the probe has no such news.
     */
    default void onNews(Runnable pollNow) {
    }

    /**
     * A cheap check whether a failing node (its process down, or answering only errors) answers again, for the
     * scheduler to ask at the node's interval while the node backs off: it must not hold the calling thread while it
     * waits, and
     * completes with {@code true} when the node answered properly (from any thread). {@code null} when the probe has
     * no such check: the node then waits for its back-off to run out. By default none.
     */
    default CompletionStage<Boolean> answersAgain() {
        return null;
    }

    /** Releases the node's resources (client threads, connections). */
    @Override
    void close();
}
