package io.chainwatch.events;

/**
 * Names of the readings a {@link NodeSample} may carry. Rules refer to readings by these names.
 *
 * <p>Fabric nodes give several samples per poll: the node's own sample ({@link NodeSample#channel()} {@code null})
 * carries every operations reading ({@link #METRIC_PREFIX metric.*}, {@link #HEALTH_OK}, {@link #METRICS_SCRAPE_OK})
 * and {@link #CLIENT_VERSION}; each channel's sample ({@code channel} set) carries the channel readings
 * ({@link #BLOCK_HEIGHT}, {@code fabric.*}, and on an orderer {@code orderer.*}). A reading is never on both.
 *
 * <p>A name added here may also be appended to {@link SampleCodec#KNOWN_NAMES}, so that samples carry it as a number
 * (smaller, and read without decoding it); unlisted names travel as text and work the same.
 */
public final class Readings {

    /** Latest block number (height) the node reports. */
    public static final String BLOCK_HEIGHT = "block.height";
    /** Timestamp of the latest block, epoch seconds. */
    public static final String HEAD_TIMESTAMP_SECONDS = "head.timestamp.seconds";
    /** Seconds between the latest block's timestamp and the poll. */
    public static final String HEAD_AGE_SECONDS = "head.age.seconds";
    /** 1 when the node reports it is syncing, 0 otherwise. */
    public static final String SYNCING = "syncing";
    /** While syncing: the block the node has reached. */
    public static final String SYNC_CURRENT_BLOCK = "sync.current.block";
    /** While syncing: the highest block the node knows of. */
    public static final String SYNC_HIGHEST_BLOCK = "sync.highest.block";
    /** The chain id the node reports (EIP-155). */
    public static final String CHAIN_ID = "chain.id";
    /** Pending transactions in the node's pool. */
    public static final String TXPOOL_PENDING = "txpool.pending";
    /** Queued (not yet executable) transactions in the node's pool. */
    public static final String TXPOOL_QUEUED = "txpool.queued";
    /** Connected peers. */
    public static final String PEER_COUNT = "peer.count";
    /** Round-trip time of the poll's JSON-RPC request, milliseconds. */
    public static final String RPC_LATENCY_MS = "rpc.latency.ms";
    /** Transactions in the latest block. */
    public static final String BLOCK_TX_COUNT = "block.tx.count";
    /** Gas used by the latest block. */
    public static final String BLOCK_GAS_USED = "block.gas.used";
    /** Gas limit of the latest block. */
    public static final String BLOCK_GAS_LIMIT = "block.gas.limit";
    /** Base fee per gas of the latest block (EIP-1559), wei. */
    public static final String BASE_FEE_WEI = "base.fee.wei";
    /** Gas price the node suggests ({@code eth_gasPrice}), wei. */
    public static final String GAS_PRICE_WEI = "gas.price.wei";
    /** Average seconds between blocks over the collector's throughput window (from block timestamps). */
    public static final String BLOCK_INTERVAL_SECONDS = "block.interval.seconds";
    /** Transactions per second over the collector's throughput window (from the blocks it has seen). */
    public static final String TPS = "tps";
    /**
     * Depth of the deepest chain reorganization seen since the previous sample: how many blocks the collector had
     * seen were replaced; 0 when there was none.
     */
    public static final String REORG_DEPTH = "reorg.depth";
    /** Chain reorganizations seen since the previous sample. */
    public static final String REORG_COUNT = "reorg.count";
    /**
     * Blocks the node's head went back by, in the sample where that was seen, when no reorganization explains it: the
     * new head does not replace a block the collector had seen at its number (a node restored from an old snapshot,
     * rewound), or it went back by more than the 64 blocks a reorganization is followed over; at least 3 blocks (a
     * load-balanced endpoint whose backends are a block or two apart is not flagged). Absent otherwise. A threshold rule
     * on it ({@code height.regression > 0}) alerts.
     */
    public static final String HEIGHT_REGRESSION = "height.regression";
    /**
     * 1 in the sample where the node was found on a new chain: its genesis block hash or its chain id changed (a dev
     * client restarted with a fresh chain, a node pointed at another network). The collector then starts the node's
     * chain afresh: no reorganization is counted for it. Absent otherwise. A threshold rule on it alerts.
     */
    public static final String CHAIN_RESET = "chain.reset";
    /** Fabric: transactions in the blocks committed since the previous sample (per channel). */
    public static final String FABRIC_TX_COUNT = "fabric.tx.count";
    /** Fabric: of those, transactions validated VALID. */
    public static final String FABRIC_TX_VALID = "fabric.tx.valid";
    /** Fabric: of those, transactions marked invalid (any other validation code). */
    public static final String FABRIC_TX_INVALID = "fabric.tx.invalid";
    /** Fabric: blocks committed since the previous sample (per channel). */
    public static final String FABRIC_BLOCKS = "fabric.blocks";
    /** Fabric: seconds between the last two block commits the collector saw (per channel). */
    public static final String FABRIC_COMMIT_INTERVAL_SECONDS = "fabric.commit.interval.seconds";
    /**
     * Fabric, per channel: transactions submitted for ordering on the channel since the previous sample. On an
     * orderer's channel samples: the growth of its {@code broadcast_processed_count{type="ENDORSER_TRANSACTION",
     * status="SUCCESS"}} (transactions the orderer accepted for ordering; the collector's own queries never reach an
     * orderer). A Fabric 2.5.5 peer exposes no submit counter (no {@code gateway_*} families in its operations
     * metrics), so a peer's channel samples carry {@link #FABRIC_PROPOSALS_ENDORSED} instead. With
     * {@link #FABRIC_BLOCKS} it says whether a channel is stalled: transactions submitted, no block committed.
     * Absent on the first sample after the orderer (or the collector) restarted: its counters start again at 0.
     */
    public static final String FABRIC_TX_SUBMITTED = "fabric.tx.submitted";
    /**
     * Fabric peer, per channel: proposals the peer endorsed successfully on the channel since the previous sample,
     * system chaincodes ({@code qscc}, {@code cscc}, {@code _lifecycle}, {@code lscc}) left out (so neither the
     * collector's qscc queries nor the registry's {@code _lifecycle} reads count). From the growth of the peer's
     * {@code endorser_proposal_duration_count{channel,chaincode,success="true"}}. An upper bound of the transactions
     * submitted through this peer: an evaluation (query) of an application chaincode is an endorsed proposal too.
     */
    public static final String FABRIC_PROPOSALS_ENDORSED = "fabric.proposals.endorsed";
    /** Fabric orderer, per channel: 1 when this orderer is the channel's Raft leader ({@code consensus_etcdraft_is_leader}). */
    public static final String ORDERER_RAFT_IS_LEADER = "orderer.raft.is_leader";
    /**
     * Fabric orderer, per channel: 1 when this orderer knows a Raft leader for the channel (it is the leader, or it
     * counts active consenters: {@code consensus_etcdraft_active_nodes > 0}), 0 when it has none (just restarted, or
     * lost its quorum); the channel cannot order while it is 0. Rule: {@code orderer.raft.has_leader < 1}.
     */
    public static final String ORDERER_RAFT_HAS_LEADER = "orderer.raft.has_leader";
    /** Fabric orderer, per channel: consenters of the channel ({@code consensus_etcdraft_cluster_size}). */
    public static final String ORDERER_RAFT_CLUSTER_SIZE = "orderer.raft.cluster_size";
    /** Fabric orderer, per channel: consenters this orderer sees active ({@code consensus_etcdraft_active_nodes}). */
    public static final String ORDERER_RAFT_ACTIVE_NODES = "orderer.raft.active_nodes";
    /** Fabric orderer, per channel: Raft leader changes since the previous sample ({@code consensus_etcdraft_leader_changes}). */
    public static final String ORDERER_RAFT_LEADER_CHANGES = "orderer.raft.leader_changes";
    /**
     * Fabric orderer, per channel: broadcasts the orderer rejected since the previous sample (the growth of
     * {@code broadcast_processed_count} with a status other than {@code SUCCESS}).
     */
    public static final String ORDERER_BROADCAST_REJECTED = "orderer.broadcast.rejected";
    /**
     * Fabric orderer, per channel: 1 when the channel participation API lists the channel with status
     * {@code active}, 0 for any other status ({@code onboarding}, {@code inactive}, {@code failed}).
     */
    public static final String ORDERER_CHANNEL_ACTIVE = "orderer.channel.active";
    /** Operations endpoint: 1 when {@code /healthz} answered OK, 0 when it answered unavailable. */
    public static final String HEALTH_OK = "health.ok";
    /** Operations endpoint: 1 when the node's metrics endpoint could be scraped, 0 when not. */
    public static final String METRICS_SCRAPE_OK = "metrics.scrape.ok";
    /**
     * Prefix of readings taken from the node's own metrics endpoint: {@code metric.<series name>}, e.g.
     * {@code metric.ledger_blockchain_height}; a series with labels of interest adds them,
     * {@code metric.ledger_transaction_count.validation_code=MVCC_READ_CONFLICT}.
     */
    public static final String METRIC_PREFIX = "metric.";

    /** Info key: the client version string ({@code web3_clientVersion}; Fabric: {@code Version} of the operations {@code /version}). */
    public static final String CLIENT_VERSION = "client.version";
    /** Info key: hash of the latest block (Ethereum: hex; Fabric: base64 of the block header hash). */
    public static final String HEAD_HASH = "head.hash";
    /** Info key: how new heads are seen: {@code websocket} (a newHeads subscription) or {@code polling}. */
    public static final String HEAD_SOURCE = "head.source";
    /** Info key: JSON-RPC methods that failed in this poll (not unsupported ones), "method: message; ...". */
    public static final String RPC_ERRORS = "rpc.errors";
    /** Info key: hash of the node's genesis block (Ethereum), as the node answers {@code eth_getBlockByNumber(earliest)}. */
    public static final String GENESIS_HASH = "genesis.hash";
    /**
     * Info key: where {@link #TXPOOL_PENDING} came from: {@code txpool_status}, or {@code pending_block} (the
     * transactions of the node's pending block, for clients without {@code txpool_status}: ganache, hardhat, most
     * providers). When the node offers neither, {@link #TXPOOL_PENDING} is listed as unsupported.
     */
    public static final String PENDING_SOURCE = "pending.source";
    /**
     * Info key: what the collector found the node offers, comma-separated, sorted, from {@code batch} (it answers
     * JSON-RPC batches), {@code websocket_heads} (a {@code newHeads} subscription is active),
     * {@code txpool_status}, {@code pending_block}.
     */
    public static final String CAPABILITIES = "capabilities";
    /**
     * Info key: how the node is polled: {@code batch} (one JSON-RPC batch per poll) or {@code single} (one request per
     * method: the node refuses batches, as many hosted providers and proxies do; batches are tried again every
     * 10 minutes).
     */
    public static final String RPC_MODE = "rpc.mode";
    /** Info key: Fabric chaincode names invoked in the blocks since the previous sample, comma-separated, sorted. */
    public static final String FABRIC_CHAINCODES = "fabric.chaincodes";
    /** Info key: components an operations {@code /healthz} reported failing, comma-separated. */
    public static final String HEALTH_FAILED_CHECKS = "health.failed.checks";
    /** Info key: why the node's metrics endpoint could not be scraped. */
    public static final String METRICS_SCRAPE_ERROR = "metrics.scrape.error";
    /** Info key: Fabric invalid transactions by validation code since the previous sample, "CODE=n,...". */
    public static final String FABRIC_INVALID_CODES = "fabric.invalid.codes";

    /** Info key, Fabric orderer channel: the participation API's {@code status} ({@code active}, {@code onboarding} ...). */
    public static final String ORDERER_CHANNEL_STATUS = "orderer.channel.status";
    /** Info key, Fabric orderer channel: the participation API's {@code consensusRelation} ({@code consenter}, {@code follower} ...). */
    public static final String ORDERER_CONSENSUS_RELATION = "orderer.consensus.relation";

    /**
     * Info key, Fabric orderer's own sample: which of its two endpoints (operations, channel participation API) did
     * not answer while the other did, and why.
     */
    public static final String ORDERER_ERROR = "orderer.error";

    /**
     * Info key, Fabric peer's own sample: the channels the peer has joined (cscc {@code GetChannels}), comma-separated,
     * in the peer's order; absent until asked, or when the peer did not answer (see {@link #FABRIC_DISCOVERY_ERROR}).
     */
    public static final String FABRIC_CHANNELS_JOINED = "fabric.channels.joined";
    /** Info key, Fabric peer's own sample: the channels the node is set to watch, comma-separated. */
    public static final String FABRIC_CHANNELS_MONITORED = "fabric.channels.monitored";
    /** Info key, Fabric peer's own sample: joined channels the node is not set to watch, comma-separated; absent if none. */
    public static final String FABRIC_CHANNELS_UNMONITORED = "fabric.channels.unmonitored";
    /**
     * Info key, Fabric channel sample: the channel's peers as the peer's discovery service lists them,
     * {@code "endpoint (mspId, height n)"} comma-separated, sorted by endpoint.
     */
    public static final String FABRIC_CHANNEL_PEERS = "fabric.channel.peers";
    /**
     * Info key prefix, Fabric peer's own sample: {@code fabric.channel.peers.<channel>}, each watched channel's peers
     * as {@link #FABRIC_CHANNEL_PEERS} (so that what reads only the node's samples sees them too).
     */
    public static final String FABRIC_CHANNEL_PEERS_PREFIX = FABRIC_CHANNEL_PEERS + ".";
    /** Info key, Fabric peer's own or channel sample: why the joined channels or the channel's peers are not known. */
    public static final String FABRIC_DISCOVERY_ERROR = "fabric.discovery.error";

    private Readings() {
    }
}
