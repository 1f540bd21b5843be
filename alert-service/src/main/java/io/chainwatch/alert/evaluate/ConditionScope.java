package io.chainwatch.alert.evaluate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.chainwatch.alert.lifecycle.AlertStatus;
import io.chainwatch.alert.lifecycle.FiringAlert;
import io.chainwatch.alert.lifecycle.Snapshot;
import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.events.NodeSample;

/**
 * What a {@link Condition} sees of the engine while it judges one rule on one chain, and how it reports. Reading:
 * the chain's ledgers and series in the rule's scope (organization, {@code options.match}, alliance), whether a
 * series answers. Reporting: {@link #holds} (the common "holds continuously for forSeconds" lifecycle), or
 * {@link #fire} / {@link #resolve} / {@link #pending} for conditions with their own timing, {@link #wakeAt} for a
 * deadline and {@link #confirmed} to confirm a deadline on fresh data. Valid only during the call.
 */
public final class ConditionScope {

    private final Evaluator engine;
    Rule rule;
    UUID chainId;
    long now;
    List<Transition> out;

    ConditionScope(Evaluator engine) {
        this.engine = engine;
    }

    public UUID chainId() {
        return chainId;
    }

    /** This service's clock now, epoch ms. */
    public long now() {
        return now;
    }

    /** The chain's ledgers (the chain itself, then its Fabric channels by name) that have OK samples. */
    public List<Ledger> ledgers() {
        return engine.ledgersOf(chainId);
    }

    /** The chain's ledger of this channel (null: the chain itself), or null when it has no OK sample yet. */
    public Ledger ledger(String channel) {
        for (Ledger l : engine.ledgersOf(chainId)) {
            if (java.util.Objects.equals(l.channel, channel)) {
                return l;
            }
        }
        return null;
    }

    /**
     * The nodes of the chain of the rule's organization, by name, each as its own series; with {@code scoped}, only
     * those matching the rule's {@code options.match} and alliance.
     */
    public List<Series> nodes(boolean scoped) {
        List<NodeState> of = engine.nodesOf(chainId, rule.orgId());
        List<Series> out = new ArrayList<>(of.size());
        for (NodeState n : of) {
            if (!scoped || engine.inScope(rule, n.own)) {
                out.add(n.own);
            }
        }
        return out;
    }

    /** Every series (own and channels) of the scoped nodes; a series out of the match scope is left out. */
    public List<Series> allSeries() {
        List<Series> out = new ArrayList<>();
        for (NodeState n : engine.nodesOf(chainId, rule.orgId())) {
            if (n.channels == null || n.channels.isEmpty()) {
                if (engine.inScope(rule, n.own)) {
                    out.add(n.own);
                }
                continue;
            }
            for (Series s : n.allSeries()) {
                if (engine.inScope(rule, s)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** The series of one ledger, of the rule's organization, by node name; {@code scoped}: matching the rule's scope. */
    public List<Series> series(Ledger ledger, boolean scoped) {
        List<Series> out = new ArrayList<>();
        for (NodeState n : engine.nodesOf(chainId, rule.orgId())) {
            Series s = n.series(ledger.channel, false);
            if (s != null && (!scoped || engine.inScope(rule, s))) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether the series' latest sample is OK and younger than the node's freshness window. */
    public boolean answering(Series s) {
        return engine.answering(s, now);
    }

    /**
     * The block timestamp of the series' head, as its latest sample reports it (capped at that sample's poll time: a
     * head stamped up to the skew tolerance in the future counts as of its poll), or null when the series does not
     * answer, reports none, or stamps its head further in the future (a clock that is wrong).
     * Unlike a best height's event time it is not raised to the previous poll: a node syncing old blocks shows old
     * times.
     */
    public Long headTimestampMs(Series s) {
        if (!answering(s) || s.last() == null) {
            return null;
        }
        Double ts = s.last().reading(io.chainwatch.events.Readings.HEAD_TIMESTAMP_SECONDS);
        if (ts == null || ts.isNaN()) {
            return null;
        }
        long head = (long) (ts * 1000);
        long polled = s.last().polledAtMs();
        // a node whose clock runs ahead beyond the tolerance: its timestamps say nothing about when blocks came
        return head > polled + engine.skewToleranceMs() ? null : Math.min(polled, head);
    }

    /** Whether the node answers at all (its latest sample over all series is OK and fresh). */
    public boolean nodeAnswering(Series s) {
        return engine.nodeAnswering(s.node, now);
    }

    /** Since when the node counts as down for a rule of {@code forMs}, or null when it does not (yet). */
    public Long downSince(Series node, long forMs) {
        return engine.downSince(node.node, now, forMs);
    }

    /** The node's freshness window, ms. */
    public long freshnessMs(Series node) {
        return engine.freshness(node.node);
    }

    /** The given ledger, or (null) the one of the node's series: the chain's, or its channel's. */
    private Ledger ledgerOr(Ledger ledger, Series node) {
        return ledger != null ? ledger : ledger(node == null ? null : node.channel());
    }

    /** The alert key (fingerprint) of the rule on this chain for a node (null: the chain) and channel. */
    public String key(Series node, String channel) {
        if (node != null && java.util.Objects.equals(channel, node.channel())) {
            return node.fingerprint(rule.id(), chainId);
        }
        return engine.fingerprint(rule.id(), chainId, node == null ? null : node.nodeId(), channel);
    }

    /** The alert if it is firing, else null. */
    public FiringAlert firing(String key) {
        return engine.firing.get(key);
    }

    /** The ledger's best height when the firing alert {@code key} fired here, null when unknown (reloaded). */
    public Double bestWhenFired(String key) {
        return engine.bestWhenFired.get(key);
    }

    /** Since when a pending condition restored from the database held, or null. */
    public Long restored(String key) {
        return engine.restored.get(key);
    }

    /** The restored condition is judged: forget it. */
    public void dropRestored(String key) {
        engine.restored.remove(key);
    }

    /** The condition holds since {@code sinceMs} but has not fired yet (shown as PENDING, persisted). */
    public void pending(String key, long sinceMs, Series node) {
        engine.pendingNow.put(key, new Evaluator.Since(sinceMs, chainId, node == null ? null : node.nodeId(),
                rule.id()));
    }

    /** Evaluate again at {@code ms} (a deadline), even when no sample arrives. */
    public void wakeAt(long ms) {
        engine.wakeAt(ms);
    }

    /**
     * Whether a deadline can be acted on. True when data at least as new as the deadline says so ({@code freshestMs}
     * ≥ {@code deadlineMs}). Otherwise, once the deadline has passed, the engine asks the collectors for an
     * immediate poll of {@code nodeIds} (empty: the chain's nodes) and the caller is evaluated again when the fresh
     * samples arrive. When none has arrived within the bounded confirmation wait: with {@code decideOnKnown} it is
     * true (decided on what is known), otherwise the poll is asked for again and the decision waits for data newer
     * than the deadline (at the latest the next regular poll).
     */
    public boolean confirmed(String key, long deadlineMs, long freshestMs, List<UUID> nodeIds,
                             boolean decideOnKnown) {
        return engine.confirmed(key, chainId, deadlineMs, freshestMs, nodeIds, rule.type(), now, decideOnKnown);
    }

    /**
     * The condition fires now, held since {@code sinceMs}. {@code ledger} (the heights shown with the alert) may be
     * null: then the node's (channel's) ledger.
     */
    public void fire(String key, Series node, Ledger ledger, long sinceMs, String builtIn, Double value,
                     List<Series> concerned) {
        Snapshot snap = engine.snapshot(chainId, ledgerOr(ledger, node), concerned);
        out.add(new Transition(key, rule, AlertStatus.FIRING, node == null ? null : node.nodeId(),
                node == null ? null : node.name(), Instant.ofEpochMilli(sinceMs), Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(now), Evaluator.summary(rule, builtIn, snap, node == null ? null : node.name(),
                value), snap));
    }

    /** The firing alert {@code key} resolves now. */
    public void resolve(String key, Series node, Ledger ledger, String summary, List<Series> concerned) {
        FiringAlert current = engine.firing.get(key);
        if (current == null) {
            return;
        }
        out.add(new Transition(key, rule, AlertStatus.RESOLVED, node == null ? null : node.nodeId(),
                node == null ? null : node.name(), current.startedAt(), current.startedAt(),
                Instant.ofEpochMilli(now), summary, engine.snapshot(chainId, ledgerOr(ledger, node), concerned)));
    }

    /**
     * The common lifecycle: the condition {@code holds} (or not) as of poll time {@code pollMs}; it fires once it
     * has held continuously for the rule's forSeconds of poll time, and a firing alert resolves on the first
     * judgement where it does not hold.
     */
    public void holds(String key, Series node, Ledger ledger, boolean holds, long pollMs, Supplier<String> text,
                      Double value, List<Series> concerned) {
        engine.conditionStep(this, key, node, ledger, holds, pollMs, text, value, concerned);
    }

    /** A number as messages show it: integers without decimals, else 4 significant digits. */
    public static String number(double v) {
        return Evaluator.number(v);
    }

    /** The chain's name as its targets give it, else its id; with {@code " / channel"} for a channel ledger. */
    public String chainName(Ledger ledger) {
        String name = engine.chainName(chainId);
        return ledger == null || ledger.channel == null ? name : name + " / " + ledger.channel;
    }

    /** The latest sample of every series of the chain in the rule's organization. */
    public List<NodeSample> latestSamples() {
        List<NodeSample> out = new ArrayList<>();
        for (Series s : allSeries()) {
            if (s.last != null) {
                out.add(s.last);
            }
        }
        return out;
    }
}
