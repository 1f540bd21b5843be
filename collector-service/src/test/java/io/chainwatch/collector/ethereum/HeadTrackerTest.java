package io.chainwatch.collector.ethereum;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.chainwatch.collector.ethereum.HeadTracker.Head;
import org.junit.jupiter.api.Test;

class HeadTrackerTest {

    private final HeadTracker tracker = new HeadTracker(Duration.ofSeconds(60));

    /** Block n of fork f: hash "f-n", parent "f-(n-1)" (or a shared parent below the fork). */
    private static Head block(String fork, long n, String parentFork, long timestamp, Integer txs) {
        return new Head(n, fork + "-" + n, parentFork + "-" + (n - 1), timestamp, txs);
    }

    private void chain(long from, long to, long t0, int txs) {
        for (long n = from; n <= to; n++) {
            assertThat(tracker.observe(block("a", n, "a", t0 + 12 * n, txs))).isTrue();
        }
    }

    @Test
    void blockIntervalAndTpsOverContiguousBlocks() {
        chain(1, 6, 1000, 24);

        assertThat(tracker.blockIntervalSeconds()).isEqualTo(12.0);
        // 24 transactions every 12 s
        assertThat(tracker.tps()).isEqualTo(2.0);
        assertThat(tracker.drainReorgs()).isEqualTo(new HeadTracker.Reorgs(0, 0));
    }

    @Test
    void onlyTheNewestKeepBlocksAreHeldAndAnOlderHeadIsNotTaken() {
        HeadTracker wide = new HeadTracker(Duration.ofSeconds(100_000));
        for (long n = 1; n <= 300; n++) {
            assertThat(wide.observe(block("a", n, "a", 1000 + 2 * n, 3))).isTrue();
        }
        assertThat(wide.newestNumber()).isEqualTo(300L);
        // the window is the blocks held: 237..300, one every 2 s, 3 transactions each
        assertThat(wide.blockIntervalSeconds()).isEqualTo(2.0);
        assertThat(wide.tps()).isEqualTo(1.5);
        // the oldest block held is 237: below it, only its parent's hash (236) is known
        assertThat(wide.numbersToCompare(100, 300)).hasSize(64).startsWith(299L).endsWith(236L);
        // a block too old to be held is taken without a conflict and changes nothing
        assertThat(wide.observe(block("b", 100, "b", 5, 1))).isTrue();
        assertThat(wide.numbersToCompare(100, 300)).hasSize(64).endsWith(236L);
        // a gap: the next head 200 blocks on leaves only itself and what is within KEEP below it
        assertThat(wide.observe(block("a", 500, "a", 2000, 3))).isTrue();
        assertThat(wide.newestNumber()).isEqualTo(500L);
        assertThat(wide.blockIntervalSeconds()).isNull();
    }

    @Test
    void skippedBlocksStillGiveTheIntervalFromTimestampsAndTpsFromTheBlocksSeen() {
        tracker.observe(block("a", 10, "a", 1000, 5));
        tracker.observe(block("a", 13, "a", 1006, 7)); // 3 blocks in 6 s; 10, 11 not seen
        tracker.observe(block("a", 16, "a", 1012, 9));

        assertThat(tracker.blockIntervalSeconds()).isEqualTo(2.0);
        // blocks after the first: (7 + 9) / 2 = 8 per block, one block every 2 s
        assertThat(tracker.tps()).isEqualTo(4.0);
    }

    @Test
    void theWindowKeepsOnlyRecentBlocksButAtLeastTwo() {
        chain(1, 20, 0, 1);                                     // 12 s blocks, 1 tx
        tracker.observe(block("a", 21, "a", 12 * 21, 100));     // a busy block
        // window 60 s back from block 21: blocks 16..21 → interval 12, txs of 17..21 = 4 + 100
        assertThat(tracker.tps()).isEqualTo((4 + 100) / 5.0 / 12.0);

        HeadTracker slow = new HeadTracker(Duration.ofSeconds(5));
        slow.observe(block("a", 1, "a", 0, 3));
        slow.observe(block("a", 2, "a", 600, 3)); // ten minutes apart, far beyond the window
        assertThat(slow.blockIntervalSeconds()).isEqualTo(600.0);
        assertThat(slow.tps()).isEqualTo(3 / 600.0);
    }

    @Test
    void noIntervalFromOneBlockOrFromBlocksWithTheSameTimestamp() {
        tracker.observe(block("a", 1, "a", 1000, 1));
        assertThat(tracker.blockIntervalSeconds()).isNull();
        assertThat(tracker.tps()).isNull();

        tracker.observe(block("a", 2, "a", 1000, 1)); // anvil_mine makes blocks in the same second
        assertThat(tracker.blockIntervalSeconds()).isNull();
    }

    @Test
    void aNewHeadOnAnotherParentIsAReorgWhoseDepthTheCanonicalBlocksTell() {
        chain(1, 5, 0, 0);

        // blocks 4 and 5 replaced: the new 5 has parent b-4, and b-4's parent is a-3
        Head newHead = block("b", 5, "b", 100, 0);
        assertThat(tracker.observe(newHead)).isFalse();
        assertThat(tracker.conflicting()).isEqualTo(newHead);
        assertThat(tracker.numbersToCompare(8, 5)).containsExactly(4L, 3L, 2L, 1L, 0L); // 0: parent of 1

        Map<Long, Head> canonical = new HashMap<>();
        canonical.put(4L, block("b", 4, "a", 90, 0));
        canonical.put(3L, block("a", 3, "a", 36, 0));
        canonical.put(2L, block("a", 2, "a", 24, 0));
        canonical.put(1L, block("a", 1, "a", 12, 0));
        assertThat(tracker.resolve(canonical, true)).isTrue();

        assertThat(tracker.drainReorgs()).isEqualTo(new HeadTracker.Reorgs(1, 2));
        assertThat(tracker.drainReorgs()).isEqualTo(new HeadTracker.Reorgs(0, 0));
        assertThat(tracker.newestNumber()).isEqualTo(newHead.number());
        assertThat(tracker.conflicting()).isNull();
        // the chain now continues on the new fork without another reorg
        assertThat(tracker.observe(block("b", 6, "b", 110, 0))).isTrue();
        assertThat(tracker.drainReorgs().count()).isZero();
    }

    @Test
    void aRollbackShowsWhenTheNextBlockReplacesOneSeen() {
        chain(1, 5, 0, 0);
        // the node went back to block 3 (seen before: no reorg yet) and mined a new block 4
        assertThat(tracker.observe(block("a", 3, "a", 36, 0))).isTrue();
        assertThat(tracker.observe(block("c", 4, "a", 50, 0))).isFalse();

        Map<Long, Head> canonical = Map.of(3L, block("a", 3, "a", 36, 0));
        assertThat(tracker.resolve(new HashMap<>(canonical), false)).isTrue();

        // blocks 4 and 5 seen before are gone
        assertThat(tracker.drainReorgs()).isEqualTo(new HeadTracker.Reorgs(1, 2));
    }

    @Test
    void aForkPointBelowTheFirstStepIsFoundInTheNext() {
        chain(1, 20, 0, 0);
        Head newHead = block("d", 20, "d", 500, 0);
        assertThat(tracker.observe(newHead)).isFalse();

        Map<Long, Head> first = new HashMap<>();
        for (long n : tracker.numbersToCompare(8, 20)) {
            first.put(n, block("d", n, "d", 400 + n, 0)); // 19..12 all replaced
        }
        assertThat(first.keySet()).containsExactlyInAnyOrder(19L, 18L, 17L, 16L, 15L, 14L, 13L, 12L);
        assertThat(tracker.resolve(first, false)).isFalse();

        Map<Long, Head> second = new HashMap<>();
        for (long n : tracker.numbersToCompare(8, 12)) {
            second.put(n, n <= 9 ? block("a", n, "a", 12 * n, 0) : block("d", n, "d", 400 + n, 0));
        }
        assertThat(tracker.resolve(second, false)).isTrue();

        // 10..20 replaced
        assertThat(tracker.drainReorgs()).isEqualTo(new HeadTracker.Reorgs(1, 11));
    }

    @Test
    void blocksNeverSeenAreNotCountedTheDepthIsThenALowerBound() {
        // polls saw only blocks 5 and 9 (and, through 9's parent, 8)
        tracker.observe(block("a", 5, "a", 60, 0));
        tracker.observe(block("a", 9, "a", 108, 0));
        Head newHead = block("e", 9, "e", 200, 0);
        assertThat(tracker.observe(newHead)).isFalse();
        assertThat(tracker.numbersToCompare(8, 9)).containsExactly(8L, 5L, 4L);

        // 8 replaced, 5 still canonical: fork at 5 (6 and 7 were replaced too, or not: they were never seen)
        Map<Long, Head> canonical = new HashMap<>();
        canonical.put(8L, block("e", 8, "e", 190, 0));
        canonical.put(5L, block("a", 5, "a", 60, 0));
        canonical.put(4L, block("a", 4, "a", 48, 0));
        assertThat(tracker.resolve(canonical, true)).isTrue();
        assertThat(tracker.drainReorgs()).isEqualTo(new HeadTracker.Reorgs(1, 4));

        HeadTracker onlyOne = new HeadTracker(Duration.ofSeconds(60));
        onlyOne.observe(block("a", 5, "a", 60, 0));
        assertThat(onlyOne.observe(block("f", 5, "f", 61, 0))).isFalse();
        Map<Long, Head> replaced = new HashMap<>(Map.of(4L, block("f", 4, "f", 50, 0)));
        assertThat(onlyOne.resolve(replaced, true)).isTrue();
        // 5 and its parent 4 replaced; nothing known below: at least 2
        assertThat(onlyOne.drainReorgs()).isEqualTo(new HeadTracker.Reorgs(1, 2));
    }

    @Test
    void aHeadSeenAgainOrAnOlderHeadIsNoReorg() {
        chain(1, 5, 0, 1);
        assertThat(tracker.observe(block("a", 5, "a", 60, 1))).isTrue();
        assertThat(tracker.observe(block("a", 4, "a", 48, 1))).isTrue(); // a stale poll answer after a newer head
        assertThat(tracker.conflicting()).isNull();
        assertThat(tracker.drainReorgs().count()).isZero();
    }
}
