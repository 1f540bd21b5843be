package io.chainwatch.alert.evaluate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;

import io.chainwatch.alert.alert.AlertStatus;
import io.chainwatch.alert.alert.FiringAlert;
import io.chainwatch.alert.rule.ChainStalledRule;
import io.chainwatch.alert.rule.NodeUnreachableRule;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.Readings;

/**
 * What this instance knows about nodes and chains, and the rule conditions on it. Not thread-safe: the caller
 * serializes access. Time comes from the injected clock (wall clock of this service) and from the samples'
 * own poll times.
 *
 * <ul>
 *   <li>A node is <em>currently answering</em> when its latest sample is OK and its poll time is younger than
 *       the freshness window of the node (by default max(3 × poll interval, 3 s)).</li>
 *   <li><b>chain_stalled</b>: the chain's best height is the highest last-known OK height of its nodes; it
 *       increased at the poll time of the first sample showing it. Fires when, by the chain's latest poll
 *       time, it has not increased for {@code forSeconds} and some node of the chain is currently answering.
 *       Resolves when an increase is observed. A drop of the best height (a node reset or removed) restarts
 *       the count without resolving.</li>
 *   <li><b>node_unreachable</b>: fires when the node's latest sample failed and the failures started (as
 *       received here) at least {@code forSeconds} ago, or when no sample at all arrived for
 *       max({@code forSeconds}, freshness window), counted from the last sample or from when this instance
 *       learned of the node (startup grace). Resolves when the node is currently answering again.</li>
 * </ul>
 * Between the fire and resolve conditions the alert keeps its state, so a restart (state reloaded as FIRING,
 * nothing known yet) neither re-announces nor resolves an alert.
 */
public class Evaluator {

    private final Clock clock;
    private final LongUnaryOperator freshnessMs;
    private final Map<String, NodeState> nodes = new HashMap<>();
    private final Map<String, ChainState> chains = new HashMap<>();
    private final Map<String, FiringAlert> firing = new HashMap<>();
    private final Set<String> deletedNodes = new HashSet<>();

    /**
     * @param clock       this service's wall clock
     * @param freshnessMs freshness window in ms for a node's poll interval in ms
     */
    public Evaluator(Clock clock, LongUnaryOperator freshnessMs) {
        this.clock = clock;
        this.freshnessMs = freshnessMs;
    }

    // ---------------------------------------------------------------- inputs

    /** A node was registered or changed. Older versions than the one held are ignored. */
    public void target(NodeTarget target) {
        NodeState node = nodes.get(target.nodeId());
        if (node == null) {
            deletedNodes.remove(target.nodeId());
            node = new NodeState(target.nodeId(), clock.millis());
            nodes.put(target.nodeId(), node);
        } else if (node.target != null && node.target.version() > target.version()) {
            return;
        }
        String previousChain = node.chainId;
        node.target = target;
        node.chainId = target.chainId();
        node.orgId = target.orgId();
        if (previousChain != null && !previousChain.equals(target.chainId())) {
            recomputeBest(previousChain, null);
        }
    }

    /**
     * A node was deleted (tombstone). Its state is dropped and later samples of it are ignored. Returns the
     * fingerprints of its firing alerts — and of the chain's firing alerts when the chain has no node left —
     * which the caller closes quietly (no notification): the node no longer exists, it did not recover.
     */
    public List<String> removeNode(String nodeId) {
        deletedNodes.add(nodeId);
        NodeState node = nodes.remove(nodeId);
        List<String> closed = new ArrayList<>();
        if (node == null) {
            return closed;
        }
        boolean chainEmpty = node.chainId != null && nodes.values().stream().noneMatch(n -> node.chainId.equals(n.chainId));
        for (FiringAlert alert : List.copyOf(firing.values())) {
            if (nodeId.equals(alert.nodeId())
                    || (chainEmpty && alert.nodeId() == null && node.chainId.equals(alert.chainId()))) {
                closed.add(alert.fingerprint());
                firing.remove(alert.fingerprint());
            }
        }
        if (node.chainId != null) {
            if (chainEmpty) {
                chains.remove(node.chainId);
            } else {
                recomputeBest(node.chainId, null);
            }
        }
        return closed;
    }

    /** One poll result of one node. */
    public void sample(NodeSample sample) {
        if (sample.nodeId() == null || sample.chainId() == null || deletedNodes.contains(sample.nodeId())) {
            return;
        }
        long now = clock.millis();
        NodeState node = nodes.computeIfAbsent(sample.nodeId(), id -> new NodeState(id, now));
        if (node.last != null && sample.polledAtMs() < node.last.polledAtMs()) {
            return; // out of order: an older poll says nothing new
        }
        if (node.chainId == null) {
            node.chainId = sample.chainId();
            node.orgId = sample.orgId();
        }
        node.last = sample;
        node.lastReceivedMs = now;
        if (sample.up()) {
            node.failingSinceMs = -1;
            Double height = sample.reading(Readings.BLOCK_HEIGHT);
            if (height != null) {
                node.height = height;
                node.headAgeSeconds = sample.reading(Readings.HEAD_AGE_SECONDS);
            }
            ChainState chain = chains.computeIfAbsent(node.chainId, id -> new ChainState());
            chain.latestPollMs = Math.max(chain.latestPollMs, sample.polledAtMs());
            recomputeBest(node.chainId, sample);
        } else if (node.failingSinceMs < 0) {
            node.failingSinceMs = now;
        }
    }

    /** Replaces the known firing alerts (loaded from the database). */
    public void loadFiring(Collection<FiringAlert> alerts) {
        firing.clear();
        alerts.forEach(a -> firing.put(a.fingerprint(), a));
    }

    /** Forgets the firing alerts of a deleted rule (they are closed quietly by the caller). */
    public void forgetRule(UUID ruleId) {
        firing.values().removeIf(a -> ruleId.equals(a.ruleId()));
    }

    /**
     * This instance (re)gained the samples of the chains matching {@code chains}: what it knew about them is
     * stale, so their nodes start over as if just learned of (startup grace) and their chain heights are
     * forgotten.
     */
    public void takeOver(Predicate<String> chainFilter) {
        long now = clock.millis();
        for (NodeState node : nodes.values()) {
            if (node.chainId != null && chainFilter.test(node.chainId)) {
                node.learnedAtMs = now;
                node.last = null;
                node.lastReceivedMs = 0;
                node.failingSinceMs = -1;
                node.height = null;
                node.headAgeSeconds = null;
            }
        }
        chains.keySet().removeIf(chainFilter);
    }

    /** A transition was recorded: the alert is now in its new state. */
    public void applied(Transition t) {
        if (t.to() == AlertStatus.FIRING) {
            firing.put(t.fingerprint(), new FiringAlert(t.fingerprint(), t.rule().id(), t.rule().chainId().toString(),
                    t.nodeId(), t.startedAt()));
        } else {
            firing.remove(t.fingerprint());
        }
    }

    public boolean isFiring(String fingerprint) {
        return firing.containsKey(fingerprint);
    }

    public int knownNodes() {
        return nodes.size();
    }

    // ---------------------------------------------------------------- evaluation

    /**
     * The transitions due now for the given rules, over chains accepted by {@code ownsChain}. Nothing changes
     * until the caller reports each recorded transition through {@link #applied(Transition)}.
     */
    public List<Transition> evaluate(List<Rule> rules, Predicate<String> ownsChain) {
        long now = clock.millis();
        List<Transition> out = new ArrayList<>();
        for (Rule rule : rules) {
            String chainId = rule.chainId().toString();
            if (!ownsChain.test(chainId)) {
                continue;
            }
            if (rule instanceof ChainStalledRule r) {
                evaluateStalled(r, chainId, now, out);
            } else if (rule instanceof NodeUnreachableRule r) {
                evaluateUnreachable(r, chainId, now, out);
            }
        }
        return out;
    }

    private void evaluateStalled(ChainStalledRule rule, String chainId, long now, List<Transition> out) {
        List<NodeState> chainNodes = nodesOf(chainId, rule.orgId().toString());
        String fp = Fingerprints.of(rule.id(), chainId, null);
        FiringAlert current = firing.get(fp);
        ChainState chain = chains.get(chainId);
        if (chain == null || chain.best == null || chainNodes.isEmpty()) {
            return;
        }
        long forMs = rule.forSeconds() * 1000L;
        long stalledMs = chain.latestPollMs - chain.bestSinceMs;
        Snapshot snapshot = snapshot(chainId, chainNodes);
        String chainName = snapshot.chainName();
        if (current == null) {
            boolean answering = chainNodes.stream().anyMatch(n -> answering(n, now));
            if (stalledMs >= forMs && answering) {
                Instant since = Instant.ofEpochMilli(chain.bestSinceMs);
                out.add(new Transition(fp, rule, AlertStatus.FIRING, null, null, since, Instant.ofEpochMilli(now),
                        Instant.ofEpochMilli(now),
                        "Chain " + chainName + " stalled: best height " + height(chain.best) + " has not increased since "
                                + since + " (" + stalledMs / 1000 + " s)",
                        snapshot));
            }
        } else if (chain.observedIncrease && stalledMs < forMs) {
            out.add(new Transition(fp, rule, AlertStatus.RESOLVED, null, null, current.startedAt(), current.startedAt(),
                    Instant.ofEpochMilli(now),
                    "Chain " + chainName + " advances again: best height " + height(chain.best) + " reached at "
                            + Instant.ofEpochMilli(chain.bestSinceMs),
                    snapshot));
        }
    }

    private void evaluateUnreachable(NodeUnreachableRule rule, String chainId, long now, List<Transition> out) {
        long forMs = rule.forSeconds() * 1000L;
        for (NodeState node : nodesOf(chainId, rule.orgId().toString())) {
            if (node.target == null) {
                continue; // only registered nodes: a node known from samples alone may be a deleted one
            }
            String fp = Fingerprints.of(rule.id(), chainId, node.nodeId);
            FiringAlert current = firing.get(fp);
            if (current == null) {
                Long downSince = downSince(node, now, forMs);
                if (downSince != null) {
                    Instant since = Instant.ofEpochMilli(downSince);
                    String why = node.last == null
                            ? "no sample has arrived since " + since
                            : node.last.up()
                                    ? "no sample has arrived since " + Instant.ofEpochMilli(node.lastReceivedMs)
                                    : "polls fail since " + since + " (" + node.last.outcome()
                                            + (node.last.error() == null ? "" : ": " + node.last.error()) + ")";
                    out.add(new Transition(fp, rule, AlertStatus.FIRING, node.nodeId, node.name(), since,
                            Instant.ofEpochMilli(now), Instant.ofEpochMilli(now),
                            "Node " + node.name() + " unreachable: " + why,
                            snapshot(chainId, List.of(node))));
                }
            } else if (answering(node, now)) {
                out.add(new Transition(fp, rule, AlertStatus.RESOLVED, node.nodeId, node.name(), current.startedAt(),
                        current.startedAt(), Instant.ofEpochMilli(now),
                        "Node " + node.name() + " answers again (sample of " + Instant.ofEpochMilli(node.last.polledAtMs())
                                + " OK)",
                        snapshot(chainId, List.of(node))));
            }
        }
    }

    /** Since when the node counts as down for a rule of {@code forMs}, or null when it does not (yet). */
    private Long downSince(NodeState node, long now, long forMs) {
        if (answering(node, now)) {
            return null;
        }
        if (node.last != null && !node.last.up() && now - node.failingSinceMs >= forMs) {
            return node.failingSinceMs;
        }
        long silentSince = node.last == null ? node.learnedAtMs : node.lastReceivedMs;
        if (now - silentSince >= Math.max(forMs, freshness(node))) {
            return node.last != null && !node.last.up() ? node.failingSinceMs : silentSince;
        }
        return null;
    }

    private boolean answering(NodeState node, long now) {
        return node.last != null && node.last.up() && now - node.last.polledAtMs() < freshness(node);
    }

    private long freshness(NodeState node) {
        return freshnessMs.applyAsLong(node.target == null ? 0 : node.target.pollIntervalMs());
    }

    private List<NodeState> nodesOf(String chainId, String orgId) {
        return nodes.values().stream()
                .filter(n -> chainId.equals(n.chainId) && (n.orgId == null || orgId.equalsIgnoreCase(n.orgId)))
                .sorted(Comparator.comparing(NodeState::name))
                .toList();
    }

    /** Recomputes the chain's best height after a change; {@code trigger} is the OK sample that caused it. */
    private void recomputeBest(String chainId, NodeSample trigger) {
        ChainState chain = chains.get(chainId);
        if (chain == null) {
            return;
        }
        Double best = nodes.values().stream()
                .filter(n -> chainId.equals(n.chainId) && n.height != null)
                .map(n -> n.height)
                .max(Double::compare).orElse(null);
        long at = trigger != null ? trigger.polledAtMs() : chain.latestPollMs;
        if (best == null) {
            chain.best = null;
            chain.observedIncrease = false;
        } else if (chain.best == null) {
            chain.best = best;
            chain.bestSinceMs = at; // first observation: a baseline, not an increase
            chain.observedIncrease = false;
        } else if (best > chain.best) {
            chain.best = best;
            chain.bestSinceMs = at;
            chain.observedIncrease = true;
        } else if (best < chain.best) {
            chain.best = best;
            chain.bestSinceMs = at; // a reset or removed node: count again, but it is no recovery
            chain.observedIncrease = false;
        }
    }

    private Snapshot snapshot(String chainId, List<NodeState> concerned) {
        ChainState chain = chains.get(chainId);
        NodeTarget named = nodes.values().stream().filter(n -> chainId.equals(n.chainId) && n.target != null)
                .map(n -> n.target).findFirst().orElse(null);
        String orgId = concerned.isEmpty() ? null : concerned.get(0).orgId;
        List<NodeView> views = concerned.stream().map(n -> new NodeView(n.nodeId, n.name(),
                n.last == null ? null : Instant.ofEpochMilli(n.last.polledAtMs()),
                n.last == null ? null : n.last.outcome(),
                n.last == null ? null : n.last.error(),
                n.height, n.headAgeSeconds, Instant.ofEpochMilli(n.learnedAtMs))).toList();
        return new Snapshot(orgId, named == null ? orgId : named.orgName(), chainId,
                named == null ? chainId : named.chainName(),
                chain == null ? null : chain.best,
                chain == null || chain.best == null ? null : Instant.ofEpochMilli(chain.bestSinceMs),
                views);
    }

    private static String height(Double h) {
        return h == null ? "unknown" : String.valueOf(h.longValue());
    }

    /** What is known about one node. */
    private static final class NodeState {
        final String nodeId;
        NodeTarget target;
        String chainId;
        String orgId;
        long learnedAtMs;
        NodeSample last;
        long lastReceivedMs;
        long failingSinceMs = -1;
        Double height;
        Double headAgeSeconds;

        NodeState(String nodeId, long learnedAtMs) {
            this.nodeId = nodeId;
            this.learnedAtMs = learnedAtMs;
        }

        String name() {
            return target == null || target.nodeName() == null ? nodeId : target.nodeName();
        }
    }

    /** A chain's best height and since when (poll time). */
    private static final class ChainState {
        Double best;
        long bestSinceMs;
        long latestPollMs;
        boolean observedIncrease;
    }
}
