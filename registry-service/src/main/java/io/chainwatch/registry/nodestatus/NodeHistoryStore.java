package io.chainwatch.registry.nodestatus;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.Readings;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;

/**
 * Table {@code registry.node_history}: per node and bucket of {@code chainwatch.registry.node-history.bucket}
 * (default 10 s), the latest sample's height, block interval, TPS and peer count; rows older than
 * {@code chainwatch.registry.node-history.retention} (default 24 h) are deleted every minute.
 */
@Repository
class NodeHistoryStore {

    /** One bucket of one node; a reading the node did not report is null. */
    record Point(UUID nodeId, Instant at, Double height, Double blockIntervalSeconds, Double tps, Double peers) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final long bucketMs;
    private final Duration retention;

    NodeHistoryStore(JdbcClient jdbc, JdbcTemplate template,
            @Value("${chainwatch.registry.node-history.bucket:10s}") Duration bucket,
            @Value("${chainwatch.registry.node-history.retention:24h}") Duration retention) {
        if (bucket.toMillis() < 1000) {
            throw new IllegalArgumentException("chainwatch.registry.node-history.bucket must be at least 1 s");
        }
        this.jdbc = jdbc;
        this.template = template;
        this.bucketMs = bucket.toMillis();
        this.retention = retention;
    }

    long bucketMs() {
        return bucketMs;
    }

    /** Records each status's latest sample in its bucket; a later sample of the same bucket replaces an earlier one. */
    void record(Collection<NodeStatusStore.Status> statuses) {
        Map<String, NodeStatusStore.Status> latest = new java.util.LinkedHashMap<>();
        for (NodeStatusStore.Status s : statuses) {
            latest.put(s.nodeId() + "@" + bucketOf(s.polledAt().toEpochMilli()), s);
        }
        List<NodeStatusStore.Status> rows = List.copyOf(latest.values());
        if (rows.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                insert into registry.node_history as h (node_id, chain_id, org_id, bucket, polled_at, height,
                                                        block_interval_seconds, tps, peers)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (node_id, bucket) do update set polled_at = excluded.polled_at, height = excluded.height,
                    block_interval_seconds = excluded.block_interval_seconds, tps = excluded.tps, peers = excluded.peers
                where h.polled_at < excluded.polled_at""", rows, rows.size(), (ps, s) -> {
                    long polled = s.polledAt().toEpochMilli();
                    Map<String, Double> r = s.readings();
                    ps.setObject(1, s.nodeId());
                    ps.setObject(2, s.chainId());
                    ps.setObject(3, s.orgId());
                    ps.setTimestamp(4, new Timestamp(bucketOf(polled)));
                    ps.setTimestamp(5, Timestamp.from(s.polledAt()));
                    ps.setObject(6, r.get(Readings.BLOCK_HEIGHT));
                    ps.setObject(7, r.get(Readings.BLOCK_INTERVAL_SECONDS));
                    ps.setObject(8, r.get(Readings.TPS));
                    ps.setObject(9, r.get(Readings.PEER_COUNT));
                });
    }

    private long bucketOf(long epochMs) {
        return epochMs - Math.floorMod(epochMs, bucketMs);
    }

    /** The points of a chain's nodes since {@code from}, by node and time. */
    List<Point> ofChain(UUID chainId, Instant from) {
        return points("chain_id", chainId, from);
    }

    /** The points of one node since {@code from}, by time. */
    List<Point> ofNode(UUID nodeId, Instant from) {
        return points("node_id", nodeId, from);
    }

    private List<Point> points(String column, UUID id, Instant from) {
        return jdbc.sql("select node_id, bucket, height, block_interval_seconds, tps, peers"
                        + " from registry.node_history where " + column + " = :id and bucket >= :from order by node_id, bucket")
                .param("id", id).param("from", Timestamp.from(from))
                .query((rs, n) -> new Point(rs.getObject("node_id", UUID.class), rs.getTimestamp("bucket").toInstant(),
                        (Double) rs.getObject("height"), (Double) rs.getObject("block_interval_seconds"),
                        (Double) rs.getObject("tps"), (Double) rs.getObject("peers")))
                .list();
    }

    @Scheduled(fixedDelayString = "${chainwatch.registry.node-history.prune-interval:60s}", initialDelay = 60_000)
    void pruneOld() {
        prune();
    }

    /** Deletes rows older than the retention; returns how many. */
    int prune() {
        return jdbc.sql("delete from registry.node_history where bucket < :before")
                .param("before", Timestamp.from(Instant.now().minus(retention))).update();
    }
}
