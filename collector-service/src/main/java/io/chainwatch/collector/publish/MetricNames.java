package io.chainwatch.collector.publish;

/**
 * The collector's metrics. Micrometer names, dot-separated; Prometheus shows them in snake case
 * ({@code chainwatch.node.block.height} → {@code chainwatch_node_block_height}). Per-node gauges carry the
 * tags {@link #TAG_ORG}, {@link #TAG_CHAIN}, {@link #TAG_NODE} (names) and {@link #TAG_NODE_ID}; never a
 * block number or hash. A reading the latest poll did not give is NaN.
 */
public final class MetricNames {

    /** 1 when the latest poll of the node was OK, else 0. */
    public static final String NODE_UP = "chainwatch.node.up";
    /** Latest block number the node reports. */
    public static final String NODE_BLOCK_HEIGHT = "chainwatch.node.block.height";
    /** Seconds between the node's latest block timestamp and the poll. */
    public static final String NODE_HEAD_AGE_SECONDS = "chainwatch.node.head.age.seconds";
    /** Round-trip time of the latest poll's JSON-RPC request, milliseconds. */
    public static final String NODE_RPC_LATENCY_MS = "chainwatch.node.rpc.latency.ms";
    /** Pending transactions in the node's pool. */
    public static final String NODE_TXPOOL_PENDING = "chainwatch.node.txpool.pending";
    /** Queued transactions in the node's pool. */
    public static final String NODE_TXPOOL_QUEUED = "chainwatch.node.txpool.queued";
    /** Connected peers. */
    public static final String NODE_PEER_COUNT = "chainwatch.node.peer.count";
    /** 1 while the node reports it is syncing, else 0. */
    public static final String NODE_SYNCING = "chainwatch.node.syncing";
    /** Polls done by this instance, tagged {@link #TAG_OUTCOME}. */
    public static final String COLLECTOR_POLLS = "chainwatch.collector.polls";

    public static final String TAG_ORG = "org";
    public static final String TAG_CHAIN = "chain";
    public static final String TAG_NODE = "node";
    public static final String TAG_NODE_ID = "node_id";
    public static final String TAG_OUTCOME = "outcome";

    private MetricNames() {
    }
}
