package io.chainwatch.events;

/**
 * Names of the readings a {@link NodeSample} may carry. Rules refer to readings by these names.
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

    /** Info key: the client version string ({@code web3_clientVersion}). */
    public static final String CLIENT_VERSION = "client.version";

    private Readings() {
    }
}
