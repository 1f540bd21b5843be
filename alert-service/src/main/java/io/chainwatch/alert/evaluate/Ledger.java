package io.chainwatch.alert.evaluate;

import java.util.UUID;

/**
 * One ledger of a chain: the chain itself (channel {@code null}) or one Fabric channel. Its best height is the highest
 * last-known OK height of its series; {@link #bestSinceMs()} is the event time of the first sample that showed it
 * (see {@link Evaluator} for event time). Read-only for conditions.
 */
public final class Ledger {

    final UUID chainId;
    final String channel;
    Double best;
    long bestSinceMs;
    /** Poll time of the sample that showed the best height first. */
    long bestSeenAtMs;
    long latestPollMs;
    boolean observedIncrease;
    long pendingSinceMs = -1;

    Ledger(UUID chainId, String channel) {
        this.chainId = chainId;
        this.channel = channel;
    }

    public String channel() {
        return channel;
    }

    /** The best height, null when unknown. */
    public Double best() {
        return best;
    }

    /** Event time (epoch ms) of the first sample showing {@link #best()}. */
    public long bestSinceMs() {
        return bestSinceMs;
    }

    /** Poll time of the sample that first showed {@link #best()} (its event time is {@link #bestSinceMs()}). */
    public long bestSeenAtMs() {
        return bestSeenAtMs;
    }

    /** Poll time of the latest OK sample of this ledger. */
    public long latestPollMs() {
        return latestPollMs;
    }

    /** Whether the best height increased since this instance (re)started watching (not only a baseline). */
    public boolean observedIncrease() {
        return observedIncrease;
    }

    /** Since when transactions wait for a block (poll time), -1 when none wait. */
    public long pendingSinceMs() {
        return pendingSinceMs;
    }
}
