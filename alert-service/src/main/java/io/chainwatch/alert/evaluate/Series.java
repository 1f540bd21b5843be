package io.chainwatch.alert.evaluate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;

/**
 * The readings of one node about one ledger: the node's own (Ethereum nodes; a Fabric peer's operations readings:
 * {@code metric.*}, {@code health.ok}, {@code metrics.scrape.ok}), channel {@code null}; or one Fabric channel of a
 * peer. A channel's sample never replaces the node's own sample, nor another channel's: each series keeps its latest
 * sample. Whether the node answers at all ({@link #nodeLast()}, {@link #failingSinceMs()}) is the node's, over all
 * its series. Read-only for conditions; the {@link Evaluator} updates it.
 */
public final class Series {

    private static final int HASHES = 32;

    final NodeState node;
    final String channel;
    NodeSample last;
    Double height;
    Double headAgeSeconds;
    /** Transactions wait for a block (Ethereum: txpool.pending &gt; 0; Fabric: submitted since the last block). */
    boolean txPending;
    final Deque<NodeSample> window = new ArrayDeque<>();
    /** Recent (height, head hash) pairs, a ring; heights as long. */
    private long[] hashHeights;
    private String[] hashes;
    private int nextHash;
    private long latestHashHeight = -1;

    Series(NodeState node, String channel) {
        this.node = node;
        this.channel = channel;
    }

    public UUID nodeId() {
        return node.nodeId;
    }

    /** The node's name (registry), or the CDC source, or its id. */
    public String name() {
        return node.name();
    }

    /** The Fabric channel, or null for the node's own series. */
    public String channel() {
        return channel;
    }

    /** The node's registry target, or null when the node is known from samples only. */
    public NodeTarget target() {
        return node.target;
    }

    /** Whether the node is registered (a node known from samples alone may be a deleted one). */
    public boolean registered() {
        return node.target != null;
    }

    /** The latest sample of this series, or null. */
    public NodeSample last() {
        return last;
    }

    /** The latest sample of the node over all its series, or null: whether the node answers at all. */
    public NodeSample nodeLast() {
        return node.last;
    }

    /** Latest block height of this series from an OK sample, or null. */
    public Double height() {
        return height;
    }

    public Double headAgeSeconds() {
        return headAgeSeconds;
    }

    /** Since when (receipt time) the node's polls fail, -1 when its latest poll succeeded. */
    public long failingSinceMs() {
        return node.failingSinceMs;
    }

    /** How the node's latest failed poll went (e.g. ERRORING), null when none failed. */
    public io.chainwatch.events.PollOutcome lastFailure() {
        return node.lastFailure;
    }

    /** When the node's latest sample arrived here (0 = none since this instance learned of it). */
    public long lastReceivedMs() {
        return node.lastReceivedMs;
    }

    /** When this instance learned of the node (or took over its chain). */
    public long learnedAtMs() {
        return node.learnedAtMs;
    }

    /** The recent samples of this series within the longest window a rule needs, oldest first. */
    public Iterable<NodeSample> window() {
        return window;
    }

    /** The head hash this series reported at {@code h}, or null when not (or no longer) known. */
    public String hashAt(long h) {
        if (hashes == null) {
            return null;
        }
        for (int i = 0; i < HASHES; i++) {
            if (hashes[i] != null && hashHeights[i] == h) {
                return hashes[i];
            }
        }
        return null;
    }

    /** The height of the latest head hash reported, -1 when none. */
    public long latestHashHeight() {
        return latestHashHeight;
    }

    void hash(long h, String hash) {
        if (hashes == null) {
            hashHeights = new long[HASHES];
            hashes = new String[HASHES];
        }
        for (int i = 0; i < HASHES; i++) {
            if (hashes[i] != null && hashHeights[i] == h) {
                hashes[i] = hash; // the node replaced its block at this height (a reorganization)
                latestHashHeight = h;
                return;
            }
        }
        hashHeights[nextHash] = h;
        hashes[nextHash] = hash;
        nextHash = (nextHash + 1) % HASHES;
        latestHashHeight = h;
    }

    /** This series' alert keys by rule, computed once per rule; valid for {@link #fingerprintsChain} only. */
    private Map<UUID, String> fingerprints;
    private UUID fingerprintsChain;

    /** The alert key of rule {@code ruleId} for this series on chain {@code chainId} (cached per rule). */
    String fingerprint(UUID ruleId, UUID chainId) {
        if (fingerprints == null || !chainId.equals(fingerprintsChain)) {
            fingerprints = new HashMap<>(4);
            fingerprintsChain = chainId;
        }
        String fp = fingerprints.get(ruleId);
        if (fp == null) {
            fp = Fingerprints.of(ruleId, chainId, node.nodeId, channel);
            fingerprints.put(ruleId, fp);
        }
        return fp;
    }

    void clear() {
        last = null;
        height = null;
        headAgeSeconds = null;
        txPending = false;
        window.clear();
        hashes = null;
        hashHeights = null;
        latestHashHeight = -1;
    }
}
