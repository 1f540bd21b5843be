package io.chainwatch.collector.poll;

import java.time.Duration;

/**
 * Tells a probe when a block it was pushed (a WebSocket head, a block on a deliver stream) ends a silence: more than
 * twice the node's poll interval since the one before. Not for the first block after {@link #reset} (polls covered the
 * time before it). The action ({@link NodeProbe#onNews}) is set once and must return at once.
 */
public final class NewsAfterSilence {

    private volatile Runnable action;
    private volatile long silenceNanos;
    /** System.nanoTime() of the last block; 0: none since the start or the last reset. */
    private volatile long lastNanos;

    /** Runs {@code action} for a block that ends a silence of more than twice {@code pollIntervalMs}. */
    public void set(long pollIntervalMs, Runnable action) {
        this.silenceNanos = Duration.ofMillis(2L * Math.max(1, pollIntervalMs)).toNanos();
        this.action = action;
    }

    /** A new connection or stream: its first block is not news. */
    public void reset() {
        lastNanos = 0;
    }

    /** A block arrived now; runs the action when it ends a silence. */
    public void arrived() {
        long now = System.nanoTime();
        long last = lastNanos;
        lastNanos = now;
        Runnable a = action;
        if (a != null && last != 0 && now - last > silenceNanos) {
            a.run();
        }
    }
}
