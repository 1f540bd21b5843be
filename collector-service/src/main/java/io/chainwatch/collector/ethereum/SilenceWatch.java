package io.chainwatch.collector.ethereum;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthBlockNumber;

/**
 * Watches a silent node whose heads are polled (no WebSocket subscription), so that a stalled chain going on is seen
 * at once rather than at the next poll, up to a poll interval later. While {@link #watch watched}, the node is asked
 * only {@code eth_blockNumber}, every quarter of its poll interval (at least every {@value #MIN_PERIOD_MS} ms), without
 * holding a thread while it answers; a number above the head the polls saw stops the watch and runs the news action
 * ({@link io.chainwatch.collector.poll.NodeProbe#onNews}: the scheduler polls the node at once). A failed check (no
 * answer, an HTTP error, a JSON-RPC error) stops the watch too: a failing node is the polls' business, with their
 * back-off, and is not asked four times as often. The probe decides when the node is silent and stops the watch when
 * it is not ({@link EthereumNodeProbe}).
 */
final class SilenceWatch {

    /** The shortest pause between two checks of one node. */
    static final long MIN_PERIOD_MS = 100;

    private final Web3j web3j;
    private final ScheduledExecutorService scheduler;
    private final long periodMs;
    private final AtomicBoolean asking = new AtomicBoolean();
    private final LongAdder checks = new LongAdder();
    private volatile Runnable news;
    /** The highest head the polls saw while watched. */
    private volatile long top;
    /** The running watch's ticks; null when not watched. */
    private ScheduledFuture<?> ticks;

    SilenceWatch(Web3j web3j, ScheduledExecutorService scheduler, long pollIntervalMs) {
        this.web3j = web3j;
        this.scheduler = scheduler;
        this.periodMs = Math.max(MIN_PERIOD_MS, pollIntervalMs / 4);
    }

    /** What to run for a block above the polled head; until it is set, the node is never watched. */
    void onNews(Runnable action) {
        this.news = action;
    }

    /** Watches the node for a block above {@code polledTop} (started once, kept while called again). */
    synchronized void watch(long polledTop) {
        top = polledTop;
        if (ticks == null && news != null) {
            try {
                ticks = scheduler.scheduleWithFixedDelay(this::check, periodMs, periodMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                // the collector is stopping: its last polls end without a watch
            }
        }
    }

    /** Stops watching (the node is not silent, or is closed). */
    synchronized void stop() {
        if (ticks != null) {
            ticks.cancel(false);
            ticks = null;
        }
    }

    /** Whether the node is watched now. */
    synchronized boolean watching() {
        return ticks != null;
    }

    /** The {@code eth_blockNumber} checks sent since the probe opened. */
    long checks() {
        return checks.sum();
    }

    private void check() {
        if (!asking.compareAndSet(false, true)) {
            return; // the previous check is still waiting for its answer
        }
        checks.increment();
        web3j.ethBlockNumber().sendAsync().whenComplete((answer, failure) -> {
            asking.set(false);
            if (failure != null || answer == null || answer.hasError()) {
                stop();
                return;
            }
            if (number(answer) > top && watching()) {
                stop();
                Runnable action = news;
                if (action != null) {
                    action.run();
                }
            }
        });
    }

    private static long number(EthBlockNumber answer) {
        try {
            return answer.getBlockNumber().longValueExact();
        } catch (RuntimeException unreadable) {
            return -1;
        }
    }
}
