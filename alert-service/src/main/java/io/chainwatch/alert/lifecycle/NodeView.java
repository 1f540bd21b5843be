package io.chainwatch.alert.lifecycle;

import java.time.Instant;
import java.util.UUID;

import io.chainwatch.events.PollOutcome;

/**
 * What is known about one node at a transition, for messages.
 *
 * @param lastSampleAt   poll time of its latest sample, null when none arrived since this instance learned of it
 * @param learnedAt      when this instance learned of the node (or took over its chain)
 * @param height         its latest block height from an OK sample, null when unknown
 * @param headAgeSeconds age of its head block at its latest OK sample, null when unknown
 * @param channel        the Fabric channel these values are about, null for the node's own
 */
public record NodeView(
        UUID nodeId,
        String nodeName,
        Instant lastSampleAt,
        PollOutcome lastOutcome,
        String lastError,
        Double height,
        Double headAgeSeconds,
        Instant learnedAt,
        String channel) {

    /** The node's own values (no channel). */
    public NodeView(UUID nodeId, String nodeName, Instant lastSampleAt, PollOutcome lastOutcome, String lastError,
                    Double height, Double headAgeSeconds, Instant learnedAt) {
        this(nodeId, nodeName, lastSampleAt, lastOutcome, lastError, height, headAgeSeconds, learnedAt, null);
    }
}
