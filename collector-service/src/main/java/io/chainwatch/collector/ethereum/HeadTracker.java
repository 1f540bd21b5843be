package io.chainwatch.collector.ethereum;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recent chain of one node as the collector has seen it (block number → head), fed by polls and by a
 * WebSocket subscription. It detects reorganizations (a new head whose parent, or whose own number, is held with
 * another hash) and, once the canonical blocks around the fork are known, their depth; and it computes the block
 * interval and TPS over a window of block timestamps. Thread-safe.
 */
final class HeadTracker {

    /** A block header as far as the tracker needs it; {@code txCount} is null when not known (a WebSocket header). */
    record Head(long number, String hash, String parentHash, long timestamp, Integer txCount) {
    }

    /** Block interval and TPS over the window, each null when unknown (see {@link #blockIntervalSeconds}, {@link #tps}). */
    record Throughput(Double blockIntervalSeconds, Double tps) {
    }

    /** Reorganizations seen since the previous {@link #drainReorgs()}: how many and the deepest. */
    record Reorgs(int count, long maxDepth) {
    }

    /**
     * A head as held: hashes reduced to their first 64 bits (enough to tell blocks apart, and a fifth of the memory
     * with thousands of nodes); {@code txCount} -1 when unknown.
     */
    private record Held(long number, long hash, long parent, boolean hasParent, long timestamp, int txCount) {
    }

    /** How many blocks below the newest are kept for comparing hashes; deeper reorgs are reported at this depth. */
    static final int KEEP = 64;

    private final long windowSeconds;
    private final Chain chain = new Chain();
    private Head conflicting;
    private int reorgs;
    private long maxDepth;

    HeadTracker(Duration window) {
        this.windowSeconds = Math.max(1, window.toSeconds());
    }

    /**
     * Takes a head. Returns false when it does not fit the chain held (another hash at its number or its parent's
     * number): it is kept aside until {@link #resolve} is given the canonical blocks below it.
     */
    synchronized boolean observe(Head head) {
        if (conflicting != null && conflicting.number() <= head.number() && !conflicting.hash().equals(head.hash())) {
            // a newer head while a conflict waits: the resolution will be asked below the newest one
            conflicting = head;
            return false;
        }
        Held held = chain.get(head.number());
        if (held != null && held.hash() == key(head.hash())) {
            if (held.txCount() < 0 && head.txCount() != null) {
                chain.put(held(head));
            }
            return true;
        }
        Held parent = chain.get(head.number() - 1);
        boolean parentDiffers = parent != null && head.parentHash() != null && parent.hash() != key(head.parentHash());
        if (held != null || parentDiffers) {
            conflicting = head;
            return false;
        }
        put(held(head));
        return true;
    }

    /**
     * Whether the tracker holds another block at {@code head}'s number (so that the head replaces a block seen: a
     * reorganization), rather than the same block or none.
     */
    synchronized boolean replacesHeld(Head head) {
        Held held = chain.get(head.number());
        return held != null && held.hash() != key(head.hash());
    }

    /**
     * Forgets the chain held and any conflict waiting, without counting a reorganization: the node's chain was reset
     * or its head went back (see {@code EthereumNodeProbe}); the reorgs already counted and not drained stay.
     */
    synchronized void reset() {
        chain.removeAbove(Long.MIN_VALUE);
        conflicting = null;
    }

    /** The head waiting for a resolution, or null. */
    synchronized Head conflicting() {
        return conflicting;
    }

    /**
     * The block numbers whose canonical hashes the next resolution step needs: below {@code below}, newest first, at
     * most {@code max} of them, among those whose hash is known (a block held, or the parent of one).
     */
    synchronized List<Long> numbersToCompare(int max, long below) {
        List<Long> numbers = new ArrayList<>();
        for (long n = below - 1; n >= 0 && numbers.size() < max; n--) {
            if (knownHash(n) != null) {
                numbers.add(n);
            } else if (!chain.hasBelow(n)) {
                break;
            }
        }
        return numbers;
    }

    /**
     * Resolves the waiting conflict with canonical blocks (number → head, as the node answers now). When one of them
     * matches the hash known for its number, that is the fork point: every block above it that the collector had
     * seen was replaced, which is the reorg's depth. Returns whether the fork point was found; if not, ask again
     * below the lowest compared number. On the last step without a match, the fork is taken to be just below the
     * lowest known block: the depth is then a lower bound (blocks the collector never saw are not counted).
     */
    synchronized boolean resolve(Map<Long, Head> canonical, boolean lastStep) {
        if (conflicting == null) {
            return true;
        }
        long fork = -1;
        for (Long n : new TreeMap<>(canonical).descendingKeySet()) {
            Long known = knownHash(n);
            if (known != null && known == key(canonical.get(n).hash())) {
                fork = n;
                break;
            }
        }
        if (fork < 0 && !lastStep) {
            return false;
        }
        long top = chain.isEmpty() ? conflicting.number() : chain.lastKey();
        long base = fork >= 0 ? fork : lowestKnown() - 1;
        long depth = Math.max(1, top - base);
        reorgs++;
        maxDepth = Math.max(maxDepth, depth);
        chain.removeAbove(base);
        canonical.values().stream().filter(h -> h.number() > base).forEach(h -> put(held(h)));
        put(held(conflicting));
        conflicting = null;
        return true;
    }

    /** The hash the collector knows for block {@code n}: the block's own, or its child's parent hash; else null. */
    private Long knownHash(long n) {
        Held held = chain.get(n);
        if (held != null) {
            return held.hash();
        }
        Held child = chain.get(n + 1);
        return child == null || !child.hasParent() ? null : child.parent();
    }

    private long lowestKnown() {
        if (chain.isEmpty()) {
            return conflicting.number();
        }
        Held first = chain.get(chain.firstKey());
        return first.hasParent() ? first.number() - 1 : first.number();
    }

    /** The reorgs since the previous call, and forgets them. */
    synchronized Reorgs drainReorgs() {
        Reorgs result = new Reorgs(reorgs, maxDepth);
        reorgs = 0;
        maxDepth = 0;
        return result;
    }

    /** The number of the newest block held, or null. */
    synchronized Long newestNumber() {
        return chain.isEmpty() ? null : chain.lastKey();
    }

    /**
     * Average seconds between blocks over the window (at least the two newest blocks held), or null when fewer than
     * two blocks are held or their timestamps do not advance.
     */
    synchronized Double blockIntervalSeconds() {
        return throughput().blockIntervalSeconds();
    }

    /**
     * Transactions per second over the window: the average transaction count of the blocks seen in it (the oldest,
     * which opens the window, excluded) divided by the block interval. Equals (transactions ÷ seconds) when every
     * block was seen, and estimates it from the blocks seen when polling skipped some. Null when unknown.
     */
    synchronized Double tps() {
        return throughput().tps();
    }

    /**
     * Both at once, in one walk down from the newest block: the window is the two newest blocks held and every older
     * one, newest first, whose timestamp is within the window's length of the newest block's.
     */
    synchronized Throughput throughput() {
        if (chain.size() < 2) {
            return new Throughput(null, null);
        }
        Held newest = null;
        Held oldest = null;
        long from = 0;
        long txs = 0;
        int counted = 0;
        int taken = 0;
        for (long n = chain.lastKey(); n >= chain.firstKey(); n--) {
            Held head = chain.get(n);
            if (head == null) {
                continue;
            }
            if (taken == 0) {
                newest = head;
                from = head.timestamp() - windowSeconds;
            } else if (taken >= 2 && head.timestamp() < from) {
                break;
            }
            if (oldest != null && oldest.txCount() >= 0) {
                // the previous one is not the oldest after all: its transactions count
                txs += oldest.txCount();
                counted++;
            }
            oldest = head;
            taken++;
        }
        long blocks = newest.number() - oldest.number();
        long seconds = newest.timestamp() - oldest.timestamp();
        if (blocks <= 0 || seconds <= 0) {
            return new Throughput(null, null);
        }
        double interval = (double) seconds / blocks;
        return new Throughput(interval, counted == 0 ? null : (double) txs / counted / interval);
    }

    private static Held held(Head head) {
        return new Held(head.number(), key(head.hash()), head.parentHash() == null ? 0 : key(head.parentHash()),
                head.parentHash() != null, head.timestamp(), head.txCount() == null ? -1 : head.txCount());
    }

    /** The first 64 bits of a hex block hash ({@code 0x} + 64 hex digits); any other text is hashed (FNV-1a). */
    static long key(String hash) {
        if (hash.length() >= 18 && (hash.startsWith("0x") || hash.startsWith("0X"))) {
            try {
                return Long.parseUnsignedLong(hash.substring(2, 18), 16);
            } catch (NumberFormatException notHex) {
                // fall through
            }
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < hash.length(); i++) {
            h = (h ^ hash.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    private void put(Held head) {
        chain.put(head);
    }

    /**
     * The blocks held, by number: at most {@link #KEEP} consecutive numbers (newest − oldest &lt; KEEP), so each
     * number has its own slot in arrays of KEEP (number mod KEEP) — a few KiB per node allocated once, instead of a
     * tree of boxed numbers and records, and walked without iterators.
     */
    private static final class Chain {
        private final long[] numbers = new long[KEEP];
        private final long[] hashes = new long[KEEP];
        private final long[] parents = new long[KEEP];
        private final long[] timestamps = new long[KEEP];
        private final int[] txCounts = new int[KEEP];
        /** Per slot: 0 empty, 1 held without a parent hash, 2 held with one. */
        private final byte[] state = new byte[KEEP];
        private int size;
        /** Lowest and highest number held; meaningful while size &gt; 0. */
        private long first;
        private long last;

        private static int slot(long n) {
            return (int) Math.floorMod(n, (long) KEEP);
        }

        boolean isEmpty() {
            return size == 0;
        }

        int size() {
            return size;
        }

        long firstKey() {
            return first;
        }

        long lastKey() {
            return last;
        }

        /** The block held at {@code n}, or null. */
        Held get(long n) {
            if (size == 0 || n < first || n > last) {
                return null;
            }
            int i = slot(n);
            if (state[i] == 0 || numbers[i] != n) {
                return null;
            }
            return new Held(n, hashes[i], parents[i], state[i] == 2, timestamps[i], txCounts[i]);
        }

        /** Whether a block below {@code n} is held. */
        boolean hasBelow(long n) {
            return size > 0 && first < n;
        }

        /**
         * Holds a block (replacing the one at its number); then, as long as the newest and the oldest are KEEP or more
         * apart, the oldest is dropped (a block that old is not taken at all).
         */
        void put(Held head) {
            long n = head.number();
            if (size > 0) {
                if (n > last) {
                    long below = n - KEEP; // blocks at or below this go
                    while (size > 0 && first <= below) {
                        remove(first);
                    }
                } else if (n < first && last - n >= KEEP) {
                    return;
                }
            }
            int i = slot(n);
            if (state[i] == 0) {
                size++;
            }
            numbers[i] = n;
            hashes[i] = head.hash();
            parents[i] = head.parent();
            timestamps[i] = head.timestamp();
            txCounts[i] = head.txCount();
            state[i] = (byte) (head.hasParent() ? 2 : 1);
            if (size == 1) {
                first = n;
                last = n;
            } else {
                first = Math.min(first, n);
                last = Math.max(last, n);
            }
        }

        /** Drops every block above {@code base}. */
        void removeAbove(long base) {
            while (size > 0 && last > base) {
                remove(last);
            }
        }

        /** Drops the block at {@code n} (first or last), moving first / last to the next block held. */
        private void remove(long n) {
            int i = slot(n);
            if (state[i] != 0 && numbers[i] == n) {
                state[i] = 0;
                size--;
            }
            if (size == 0) {
                return;
            }
            if (n == first) {
                do {
                    first++;
                } while (get(first) == null);
            } else if (n == last) {
                do {
                    last--;
                } while (get(last) == null);
            }
        }
    }
}
