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
    /** Transactions in the node's latest block. */
    public static final String NODE_BLOCK_TX_COUNT = "chainwatch.node.block.tx.count";
    /** Gas used by the node's latest block. */
    public static final String NODE_BLOCK_GAS_USED = "chainwatch.node.block.gas.used";
    /** Gas limit of the node's latest block. */
    public static final String NODE_BLOCK_GAS_LIMIT = "chainwatch.node.block.gas.limit";
    /** Base fee per gas of the latest block (EIP-1559), wei. */
    public static final String NODE_BASE_FEE_WEI = "chainwatch.node.base.fee.wei";
    /** Gas price the node suggests, wei. */
    public static final String NODE_GAS_PRICE_WEI = "chainwatch.node.gas.price.wei";
    /** Average seconds between blocks over the throughput window. */
    public static final String NODE_BLOCK_INTERVAL_SECONDS = "chainwatch.node.block.interval.seconds";
    /** Transactions per second over the throughput window. */
    public static final String NODE_TPS = "chainwatch.node.tps";
    /** Depth (replaced blocks) of the most recent reorganization seen on the node; 0 before the first. */
    public static final String NODE_LAST_REORG_DEPTH = "chainwatch.node.last.reorg.depth";
    /** Reorganizations seen on the node (counter). */
    public static final String NODE_REORGS = "chainwatch.node.reorgs";
    /**
     * Times the node's head went back by more than a reorganization explains (counter; sample reading
     * {@code height.regression}). Made at the node's first such event.
     */
    public static final String NODE_HEIGHT_REGRESSIONS = "chainwatch.node.height.regressions";
    /**
     * Times the node was found on a new chain: a new genesis hash or chain id (counter; sample reading
     * {@code chain.reset}). Made at the node's first such event.
     */
    public static final String NODE_CHAIN_RESETS = "chainwatch.node.chain.resets";
    /** Fabric, per peer and {@link #TAG_CHANNEL}: 1 when the latest GetChainInfo of the channel answered, else 0. */
    public static final String FABRIC_CHANNEL_UP = "chainwatch.fabric.channel.up";
    /** Fabric: the channel's ledger height on the peer (qscc GetChainInfo). */
    public static final String FABRIC_CHANNEL_HEIGHT = "chainwatch.fabric.channel.height";
    /** Fabric: seconds between the last two blocks delivered (their newest transaction timestamps). */
    public static final String FABRIC_CHANNEL_COMMIT_INTERVAL_SECONDS = "chainwatch.fabric.channel.commit.interval.seconds";
    /** Fabric: blocks delivered on the channel (counter). */
    public static final String FABRIC_CHANNEL_BLOCKS = "chainwatch.fabric.channel.blocks";
    /** Fabric: transactions in the blocks delivered, tagged {@link #TAG_RESULT} {@code valid} / {@code invalid}. */
    public static final String FABRIC_CHANNEL_TRANSACTIONS = "chainwatch.fabric.channel.transactions";
    /** Polls done by this instance, tagged {@link #TAG_OUTCOME}. */
    public static final String COLLECTOR_POLLS = "chainwatch.collector.polls";

    /** Polls started by this instance (counter). */
    public static final String COLLECTOR_POLLS_STARTED = "chainwatch.collector.polls.started";
    /** Counter: polls asked for at once between polls: news a probe learned (a new head ending a silence), or a node
     * found answering again during its back-off. */
    public static final String COLLECTOR_NEWS_POLLS = "chainwatch.collector.news.polls";
    /** Ticks on which a node was not polled, tagged {@link #TAG_REASON}: {@code busy} (its previous poll still ran)
     * or {@code backoff} (it is failing and backs off). */
    public static final String COLLECTOR_TICKS_SKIPPED = "chainwatch.collector.ticks.skipped";
    /** Nodes this instance polls now. */
    public static final String COLLECTOR_NODES = "chainwatch.collector.nodes";

    public static final String TAG_ORG = "org";
    public static final String TAG_CHAIN = "chain";
    public static final String TAG_NODE = "node";
    public static final String TAG_NODE_ID = "node_id";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_REASON = "reason";
    public static final String TAG_CHANNEL = "channel";
    public static final String TAG_RESULT = "result";

    private MetricNames() {
    }
}
