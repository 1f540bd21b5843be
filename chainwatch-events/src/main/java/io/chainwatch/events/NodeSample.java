package io.chainwatch.events;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The result of one poll of one node: every reading of that poll, with the poll's outcome.
 *
 * @param nodeId      registry id of the node
 * @param chainId     registry id of the chain (the Kafka key)
 * @param orgId       owning organization id
 * @param polledAtMs  when the poll started, epoch milliseconds
 * @param outcome     how the poll went
 * @param error       what went wrong, in plain words, when {@code outcome} is not {@link PollOutcome#OK}
 * @param readings    numeric readings by name (see {@link Readings}); absent when not read or unsupported
 * @param info        textual readings by name, e.g. {@link Readings#CLIENT_VERSION}
 * @param unsupported names of readings the node does not offer (not a failure)
 * @param channel     the Fabric channel the sample is about ({@code null} for a per-node sample, e.g. Ethereum).
 *                    A Fabric poll gives the node's own sample first ({@code channel == null}: its outcome says
 *                    whether the node answered; it carries all operations readings, {@code metric.*},
 *                    {@code health.ok}, {@code metrics.scrape.ok}), then one sample per channel ({@code channel}
 *                    set: the channel readings, {@code block.height}, {@code fabric.*}, {@code orderer.*}); see
 *                    {@link Readings}
 */
public record NodeSample(
        UUID nodeId,
        UUID chainId,
        UUID orgId,
        long polledAtMs,
        PollOutcome outcome,
        String error,
        Map<String, Double> readings,
        Map<String, String> info,
        List<String> unsupported,
        String channel) {

    public NodeSample {
        readings = readings == null ? Map.of() : Map.copyOf(readings);
        info = info == null ? Map.of() : Map.copyOf(info);
        unsupported = unsupported == null ? List.of() : List.copyOf(unsupported);
    }

    /** Whether the node answered this poll. */
    public boolean up() {
        return outcome == PollOutcome.OK;
    }

    /** A numeric reading, or {@code null} when the sample does not carry it. */
    public Double reading(String name) {
        return readings.get(name);
    }
}
