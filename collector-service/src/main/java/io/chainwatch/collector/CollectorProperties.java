package io.chainwatch.collector;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The collector's settings, under {@code chainwatch.collector}; each can be set from the environment, e.g.
 * {@code CHAINWATCH_COLLECTOR_POLL_TIMEOUT=2s}.
 *
 * @param pollTimeout        how long one poll of one node may take (connect, send, answer) before it is a TIMEOUT
 * @param maxConcurrentPolls how many polls run at the same time at most (threads of the poll pool)
 * @param consumerGroup      Kafka consumer group of the collectors on {@code chainwatch.targets}
 * @param maxResponseBytes   largest answer a node may send to one poll; a larger one is a BAD_RESPONSE and is not
 *                           read further (a node streaming an endless body cannot fill the collector's memory)
 * @param backoffMax         longest pause between polls of a failing node: after the second failure in a row the
 *                           pause doubles from the node's interval up to this
 * @param throughputWindow   window over which block interval and TPS are computed from the blocks seen
 * @param websocketHeads     whether to subscribe to new heads over WebSocket where an Ethereum node offers it (same
 *                           host and port as its HTTP URL); polling reads the head otherwise
 * @param websocketRetry     how long after a failed or lost WebSocket subscription it is tried again
 * @param fabricIdentityDir  directory of Fabric identities, {@code <dir>/<mspId>/cert.pem} and {@code key.pem}
 *                           (like a Fabric wallet); empty when no Fabric node is monitored
 * @param fabricCheckpointDir directory where the last block seen per Fabric peer and channel is kept
 *                           ({@code <dir>/<nodeId>/<channel>.json}), so that block events resume there after a restart
 *                           of the collector; empty: kept in memory only (resume after a reconnect, not a restart)
 */
@ConfigurationProperties("chainwatch.collector")
public record CollectorProperties(
        @DefaultValue("2s") Duration pollTimeout,
        @DefaultValue("64") int maxConcurrentPolls,
        @DefaultValue("chainwatch-collector") String consumerGroup,
        @DefaultValue("2MB") DataSize maxResponseBytes,
        @DefaultValue("15s") Duration backoffMax,
        @DefaultValue("60s") Duration throughputWindow,
        @DefaultValue("true") boolean websocketHeads,
        @DefaultValue("5m") Duration websocketRetry,
        @DefaultValue("") String fabricIdentityDir,
        @DefaultValue("") String fabricCheckpointDir) {

    public CollectorProperties {
        requirePositive("poll-timeout", pollTimeout);
        if (maxConcurrentPolls < 1) {
            throw new IllegalArgumentException("chainwatch.collector.max-concurrent-polls must be at least 1, got "
                    + maxConcurrentPolls);
        }
        if (consumerGroup == null || consumerGroup.isBlank()) {
            throw new IllegalArgumentException("chainwatch.collector.consumer-group must not be blank");
        }
        if (maxResponseBytes == null || maxResponseBytes.toBytes() < 1024) {
            throw new IllegalArgumentException("chainwatch.collector.max-response-bytes must be at least 1KB, got "
                    + maxResponseBytes);
        }
        requirePositive("backoff-max", backoffMax);
        requirePositive("throughput-window", throughputWindow);
        requirePositive("websocket-retry", websocketRetry);
        fabricIdentityDir = fabricIdentityDir == null ? "" : fabricIdentityDir.trim();
        fabricCheckpointDir = fabricCheckpointDir == null ? "" : fabricCheckpointDir.trim();
    }

    /** The settings every key at its default but the poll timeout and the concurrency (tests, benchmarks). */
    public static CollectorProperties of(Duration pollTimeout, int maxConcurrentPolls) {
        return new CollectorProperties(pollTimeout, maxConcurrentPolls, "chainwatch-collector", DataSize.ofMegabytes(2),
                Duration.ofSeconds(15), Duration.ofSeconds(60), true, Duration.ofMinutes(5), "", "");
    }

    /** A copy with WebSocket heads on or off. */
    public CollectorProperties withWebsocketHeads(boolean enabled) {
        return new CollectorProperties(pollTimeout, maxConcurrentPolls, consumerGroup, maxResponseBytes,
                backoffMax, throughputWindow, enabled, websocketRetry, fabricIdentityDir, fabricCheckpointDir);
    }

    /** A copy with another longest backoff. */
    public CollectorProperties withBackoffMax(Duration max) {
        return new CollectorProperties(pollTimeout, maxConcurrentPolls, consumerGroup, maxResponseBytes,
                max, throughputWindow, websocketHeads, websocketRetry, fabricIdentityDir, fabricCheckpointDir);
    }

    /** A copy with another Fabric identity directory. */
    public CollectorProperties withFabricIdentityDir(Path dir) {
        return new CollectorProperties(pollTimeout, maxConcurrentPolls, consumerGroup, maxResponseBytes,
                backoffMax, throughputWindow, websocketHeads, websocketRetry, dir.toString(), fabricCheckpointDir);
    }

    /** A copy with another Fabric checkpoint directory. */
    public CollectorProperties withFabricCheckpointDir(Path dir) {
        return new CollectorProperties(pollTimeout, maxConcurrentPolls, consumerGroup, maxResponseBytes,
                backoffMax, throughputWindow, websocketHeads, websocketRetry, fabricIdentityDir, dir.toString());
    }

    private static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("chainwatch.collector." + key + " must be positive, got " + value);
        }
    }
}
