package io.chainwatch.alert.evaluate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
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
import io.chainwatch.alert.rule.Comparison;
import io.chainwatch.alert.rule.LabelMatcher;
import io.chainwatch.alert.rule.LaggingRule;
import io.chainwatch.alert.rule.NodeUnreachableRule;
import io.chainwatch.alert.rule.RateRule;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.rule.ThresholdRule;
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
 *   <li><b>chain_stalled</b> in mode {@code pending_transactions}: only the time during which some node of the
 *       chain reports {@code txpool.pending} &gt; 0 counts (chains without empty blocks are idle, not stalled).</li>
 *   <li><b>lagging</b>: a currently answering node whose height is more than {@code blocks} below the chain's
 *       best, continuously for {@code forSeconds} of poll time; resolves when it is within {@code blocks}.</li>
 *   <li><b>threshold</b>: a node's OK samples show {@code reading op value} continuously for {@code forSeconds}
 *       of poll time; resolves on a sample where it does not hold.</li>
 *   <li><b>rate</b>: over the chain's samples in the last {@code windowSeconds} (poll time), sum(numerator) /
 *       sum(denominator), or sum(numerator) per second; holds continuously for {@code forSeconds}.</li>
 * </ul>
 * Node rules consider only the nodes matching the rule's {@code options.match}. Between the fire and resolve conditions the alert keeps its state, so a restart (state reloaded as FIRING,
 * nothing known yet) neither re-announces nor resolves an alert.
 */
public class Evaluator {

    private final Clock clock;
    private final LongUnaryOperator freshnessMs;
    private final Map<String, NodeState> nodes = new HashMap<>();
    private final Map<String, Map<String, NodeState>> nodesByChain = new HashMap<>();
    private final Map<String, ChainState> chains = new HashMap<>();
    /** Since when (poll time) a threshold / lagging / rate condition holds, by fingerprint. */
    private final Map<String, Since> conditionSince = new HashMap<>();
    /** Conditions of chain_stalled / node_unreachable rules holding but not yet for forSeconds (last evaluation). */
    private final Map<String, Since> pendingNow = new HashMap<>();
    /** Pending conditions restored from the database after a restart or takeover: fingerprint → since (ms). */
    private final Map<String, Long> restored = new HashMap<>();
    /** Fingerprints computed once per (rule, chain, node): rule id → "chain|node" (node "" for the chain) → fingerprint. */
    private final Map<UUID, Map<String, String>> fingerprints = new HashMap<>();
    private final int recentSamples;
    /** The longest window of the rate rules seen in the last evaluation: samples kept per node for them. */
    private long rateWindowMs;
    private final Map<String, FiringAlert> firing = new HashMap<>();
    private final Set<String> deletedNodes = new HashSet<>();

    /**
     * @param clock       this service's wall clock
     * @param freshnessMs freshness window in ms for a node's poll interval in ms
     */
    public Evaluator(Clock clock, LongUnaryOperator freshnessMs) {
        this(clock, freshnessMs, 0);
    }

    /**
     * @param recentSamples how many recent samples to keep per chain for dry runs ({@link #recent(String)}), 0 = none
     */
    public Evaluator(Clock clock, LongUnaryOperator freshnessMs, int recentSamples) {
        this.clock = clock;
        this.freshnessMs = freshnessMs;
        this.recentSamples = recentSamples;
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
        index(node, previousChain);
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
        if (node.chainId != null) {
            Map<String, NodeState> of = nodesByChain.get(node.chainId);
            if (of != null) {
                of.remove(nodeId);
                if (of.isEmpty()) {
                    nodesByChain.remove(node.chainId);
                }
            }
        }
        conditionSince.values().removeIf(c -> nodeId.equals(c.nodeId()));
        boolean chainEmpty = node.chainId != null && !nodesByChain.containsKey(node.chainId);
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
            index(node, null);
        }
        node.last = sample;
        if (rateWindowMs > 0) {
            node.window.addLast(sample);
            while (!node.window.isEmpty() && node.window.peekFirst().polledAtMs() <= sample.polledAtMs() - rateWindowMs) {
                node.window.removeFirst();
            }
        } else if (!node.window.isEmpty()) {
            node.window.clear();
        }
        if (recentSamples > 0) {
            ChainState recent = chains.computeIfAbsent(node.chainId, id -> new ChainState());
            recent.recent.addLast(sample);
            if (recent.recent.size() > recentSamples) {
                recent.recent.removeFirst();
            }
        }
        node.lastReceivedMs = now;
        if (sample.up()) {
            node.failingSinceMs = -1;
            Double height = sample.reading(Readings.BLOCK_HEIGHT);
            if (height != null) {
                node.height = height;
                node.headAgeSeconds = sample.reading(Readings.HEAD_AGE_SECONDS);
            }
            Double pending = sample.reading(Readings.TXPOOL_PENDING);
            node.txPending = pending != null && pending > 0;
            ChainState chain = chains.computeIfAbsent(node.chainId, id -> new ChainState());
            chain.latestPollMs = Math.max(chain.latestPollMs, sample.polledAtMs());
            recomputeBest(node.chainId, sample);
            boolean chainPending = false;
            for (NodeState n : nodesByChain.getOrDefault(node.chainId, Map.of()).values()) {
                if (n.txPending) {
                    chainPending = true;
                    break;
                }
            }
            if (!chainPending) {
                chain.pendingSinceMs = -1;
            } else if (chain.pendingSinceMs < 0) {
                chain.pendingSinceMs = sample.polledAtMs();
            }
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
        fingerprints.remove(ruleId);
        firing.values().removeIf(a -> ruleId.equals(a.ruleId()));
        conditionSince.values().removeIf(c -> ruleId.equals(c.ruleId()));
        pendingNow.values().removeIf(c -> ruleId.equals(c.ruleId()));
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
        conditionSince.values().removeIf(c -> chainFilter.test(c.chainId()));
    }

    /** The recent samples of a chain, oldest first (for dry runs); empty when none are kept. */
    public List<NodeSample> recent(String chainId) {
        ChainState chain = chains.get(chainId);
        return chain == null ? List.of() : List.copyOf(chain.recent);
    }

    /** The registered nodes of a chain (for dry runs). */
    public List<NodeTarget> targets(String chainId) {
        return nodesByChain.getOrDefault(chainId, Map.of()).values().stream().filter(n -> n.target != null)
                .map(n -> n.target).toList();
    }

    /** {@code [orgName, chainName]} of a chain as its targets name them, or null when no target is known. */
    public String[] names(String chainId) {
        for (NodeState n : nodesByChain.getOrDefault(chainId, Map.of()).values()) {
            if (n.target != null) {
                return new String[] {n.target.orgName(), n.target.chainName()};
            }
        }
        return null;
    }

    /** A transition was recorded: the alert is now in its new state. */
    public void applied(Transition t) {
        conditionSince.remove(t.fingerprint());
        if (t.to() == AlertStatus.FIRING) {
            firing.put(t.fingerprint(), new FiringAlert(t.fingerprint(), t.rule().id(), t.chainId().toString(),
                    t.nodeId(), t.startedAt()));
        } else {
            firing.remove(t.fingerprint());
        }
    }

    /** Whether a pending condition restored from the database has not been judged yet. */
    public boolean isRestored(String fingerprint) {
        return restored.containsKey(fingerprint);
    }

    /** The name of a known node, or null. */
    public String nodeName(String nodeId) {
        NodeState node = nodes.get(nodeId);
        return node == null ? null : node.name();
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
        long window = 0;
        for (Rule rule : rules) {
            if (rule instanceof RateRule r) {
                window = Math.max(window, r.windowSeconds() * 1000L);
            }
        }
        rateWindowMs = window;
        pendingNow.values().removeIf(p -> ownsChain.test(p.chainId()));
        for (Rule rule : rules) {
            for (String chainId : chainsOf(rule)) {
                if (!ownsChain.test(chainId)) {
                    continue;
                }
                if (rule instanceof ChainStalledRule r) {
                    evaluateStalled(r, chainId, now, out);
                } else if (rule instanceof NodeUnreachableRule r) {
                    evaluateUnreachable(r, chainId, now, out);
                } else if (rule instanceof LaggingRule r) {
                    evaluateLagging(r, chainId, now, out);
                } else if (rule instanceof ThresholdRule r) {
                    evaluateThreshold(r, chainId, now, out);
                } else if (rule instanceof RateRule r) {
                    evaluateRate(r, chainId, now, out);
                }
            }
        }
        return out;
    }

    /**
     * The chains a rule is evaluated on: its chain; or, for a rule scoped to an alliance without a chain, every
     * chain with a node of the rule's organization whose target lists the alliance (in id order).
     */
    public List<String> chainsOf(Rule rule) {
        if (rule.chainId() != null) {
            return List.of(rule.chainId().toString());
        }
        String alliance = rule.settings().allianceId();
        if (alliance == null) {
            return List.of();
        }
        String orgId = rule.orgId().toString();
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        for (NodeState n : nodes.values()) {
            if (n.chainId != null && n.target != null && n.target.allianceIds().contains(alliance)
                    && orgId.equalsIgnoreCase(n.orgId)) {
                out.add(n.chainId);
            }
        }
        return List.copyOf(out);
    }

    private void evaluateStalled(ChainStalledRule rule, String chainId, long now, List<Transition> out) {
        List<NodeState> chainNodes = nodesOf(chainId, rule.orgId().toString());
        if (rule.settings().allianceId() != null) {
            chainNodes = chainNodes.stream().filter(n -> inScope(rule, n)).toList(); // no node of the alliance: no judgement
        }
        String fp = fingerprint(rule.id(), chainId, null);
        FiringAlert current = firing.get(fp);
        ChainState chain = chains.get(chainId);
        if (chain == null || chain.best == null || chainNodes.isEmpty()) {
            return;
        }
        long forMs = rule.forSeconds() * 1000L;
        long stalledMs = chain.latestPollMs - chain.bestSinceMs;
        long countedFrom = chain.bestSinceMs;
        if (ChainStalledRule.MODE_PENDING_TRANSACTIONS.equals(rule.mode())) {
            countedFrom = chain.pendingSinceMs < 0 ? chain.latestPollMs : Math.max(chain.bestSinceMs, chain.pendingSinceMs);
            stalledMs = chain.latestPollMs - countedFrom;
        }
        Long restoredSince = restored.get(fp);
        if (restoredSince != null) {
            if (chain.observedIncrease || current != null) {
                restored.remove(fp); // it advanced since (or fired): the stall before the restart is over
            } else if (restoredSince < countedFrom) {
                countedFrom = restoredSince; // the same stall, counted from before the restart
                stalledMs = chain.latestPollMs - countedFrom;
            }
        }
        if (current == null) {
            boolean answering = chainNodes.stream().anyMatch(n -> answering(n, now));
            if (answering && stalledMs > 0 && stalledMs < forMs
                    && (!ChainStalledRule.MODE_PENDING_TRANSACTIONS.equals(rule.mode()) || chain.pendingSinceMs >= 0)) {
                pendingNow.put(fp, new Since(countedFrom, chainId, null, rule.id()));
            }
            if (stalledMs >= forMs && answering) {
                Snapshot snapshot = snapshot(chainId, chainNodes);
                String chainName = snapshot.chainName();
                Instant since = Instant.ofEpochMilli(countedFrom);
                String builtIn = "Chain " + chainName + " stalled: best height " + height(chain.best)
                        + " has not increased since " + Instant.ofEpochMilli(chain.bestSinceMs) + " ("
                        + (chain.latestPollMs - chain.bestSinceMs) / 1000 + " s"
                        + (countedFrom != chain.bestSinceMs ? ", with transactions pending since " + since : "") + ")";
                out.add(new Transition(fp, rule, AlertStatus.FIRING, null, null, since, Instant.ofEpochMilli(now),
                        Instant.ofEpochMilli(now), summary(rule, builtIn, snapshot, null, chain.best), snapshot));
            }
        } else if (chain.observedIncrease && stalledMs < forMs) {
            Snapshot snapshot = snapshot(chainId, chainNodes);
            String chainName = snapshot.chainName();
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
            if (node.target == null || !inScope(rule, node)) {
                continue; // only registered nodes: a node known from samples alone may be a deleted one
            }
            String fp = fingerprint(rule.id(), chainId, node.nodeId);
            FiringAlert current = firing.get(fp);
            Long restoredSince = restored.get(fp);
            if (restoredSince != null) {
                if (current != null || answering(node, now)) {
                    restored.remove(fp);
                } else if (node.last != null && !node.last.up() && restoredSince < node.failingSinceMs) {
                    node.failingSinceMs = restoredSince; // the same outage, counted from before the restart
                }
            }
            if (current == null) {
                if (node.last != null && !node.last.up() && now - node.failingSinceMs < forMs) {
                    pendingNow.put(fp, new Since(node.failingSinceMs, chainId, node.nodeId, rule.id()));
                }
                Long downSince = downSince(node, now, forMs);
                if (downSince != null) {
                    Instant since = Instant.ofEpochMilli(downSince);
                    String why = node.last == null
                            ? "no sample has arrived since " + since
                            : node.last.up()
                                    ? "no sample has arrived since " + Instant.ofEpochMilli(node.lastReceivedMs)
                                    : "polls fail since " + since + " (" + node.last.outcome()
                                            + (node.last.error() == null ? "" : ": " + node.last.error()) + ")";
                    Snapshot snap = snapshot(chainId, List.of(node));
                    out.add(new Transition(fp, rule, AlertStatus.FIRING, node.nodeId, node.name(), since,
                            Instant.ofEpochMilli(now), Instant.ofEpochMilli(now),
                            summary(rule, "Node " + node.name() + " unreachable: " + why, snap, node.name(), null),
                            snap));
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

    private void evaluateLagging(LaggingRule rule, String chainId, long now, List<Transition> out) {
        ChainState chain = chains.get(chainId);
        if (chain == null || chain.best == null) {
            return;
        }
        for (NodeState node : nodesOf(chainId, rule.orgId().toString())) {
            if (node.target == null || !inScope(rule, node) || !answering(node, now) || node.height == null) {
                continue; // a silent node is the unreachable rule's business
            }
            double behind = chain.best - node.height;
            String fp = fingerprint(rule.id(), chainId, node.nodeId);
            boolean holds = behind > rule.blocks();
            java.util.function.Supplier<String> builtIn = () -> holds
                    ? "Node " + node.name() + " is " + (long) behind + " blocks behind the chain's best (" + height(chain.best)
                            + "), more than " + rule.blocks()
                    : "Node " + node.name() + " is back within " + rule.blocks() + " blocks of the chain's best ("
                            + (long) behind + " behind)";
            conditionStep(rule, chainId, node, fp, holds, node.last.polledAtMs(), now, builtIn, behind, out);
        }
    }

    private void evaluateThreshold(ThresholdRule rule, String chainId, long now, List<Transition> out) {
        // every source of samples counts, also one that is not a registered node (a database table read by change-
        // data-capture); deleted nodes never get here, their samples are dropped on arrival
        for (NodeState node : nodesOf(chainId, rule.orgId().toString())) {
            if (!inScope(rule, node) || node.last == null || !node.last.up()) {
                continue;
            }
            Double value = node.last.reading(rule.reading());
            if (value == null) {
                continue; // the reading is not there: nothing new is known
            }
            String fp = fingerprint(rule.id(), chainId, node.nodeId);
            boolean holds = Comparison.holds(value, rule.operator(), rule.value());
            java.util.function.Supplier<String> builtIn = () -> "Node " + node.name() + ": " + rule.reading() + " = " + number(value)
                    + (holds ? " " : ", no longer ") + rule.operator() + " " + number(rule.value());
            conditionStep(rule, chainId, node, fp, holds, node.last.polledAtMs(), now, builtIn, value, out);
        }
    }

    private void evaluateRate(RateRule rule, String chainId, long now, List<Transition> out) {
        ChainState chain = chains.get(chainId);
        if (chain == null || chain.latestPollMs == 0) {
            return;
        }
        long from = chain.latestPollMs - rule.windowSeconds() * 1000L;
        double num = 0;
        double den = 0;
        int samples = 0;
        for (NodeState node : nodesOf(chainId, rule.orgId().toString())) {
            if (!inScope(rule, node)) {
                continue;
            }
            for (NodeSample s : node.window) {
                if (s.polledAtMs() > from) {
                    Double n = s.reading(rule.numerator());
                    Double d = rule.denominator() == null ? null : s.reading(rule.denominator());
                    if (n != null) {
                        num += n;
                        samples++;
                    }
                    if (d != null) {
                        den += d;
                    }
                }
            }
        }
        if (samples == 0 || (rule.denominator() != null && den == 0)) {
            return; // nothing to divide: no judgement
        }
        double value = rule.denominator() == null ? num / rule.windowSeconds() : num / den;
        String fp = fingerprint(rule.id(), chainId, null);
        boolean holds = Comparison.holds(value, rule.operator(), rule.value());
        String what = rule.denominator() == null ? rule.numerator() + " per second"
                : rule.numerator() + " / " + rule.denominator();
        double ratio = value;
        java.util.function.Supplier<String> builtIn = () -> "Chain " + chainName(chainId) + ": " + what + " over " + rule.windowSeconds() + " s = "
                + number(ratio) + (holds ? " " : ", no longer ") + rule.operator() + " " + number(rule.value());
        conditionStep(rule, chainId, null, fp, holds, chain.latestPollMs, now, builtIn, value, out);
    }

    /**
     * The common "holds continuously for forSeconds of poll time" logic of lagging, threshold and rate rules.
     * {@code pollMs} is the poll time the judgement is based on.
     */
    private void conditionStep(Rule rule, String chainId, NodeState node, String fp, boolean holds, long pollMs,
                               long now, java.util.function.Supplier<String> builtIn, Double value,
                               List<Transition> out) {
        FiringAlert current = firing.get(fp);
        String nodeId = node == null ? null : node.nodeId;
        String nodeName = node == null ? null : node.name();
        if (holds) {
            Since held = conditionSince.get(fp);
            if (held == null) {
                Long before = restored.remove(fp);
                held = new Since(before != null && before < pollMs ? before : pollMs, chainId, nodeId, rule.id());
                conditionSince.put(fp, held);
            }
            long since = held.ms();
            if (current == null && pollMs - since >= rule.forSeconds() * 1000L) {
                Snapshot snap = snapshot(chainId, node == null ? nodesOf(chainId, rule.orgId().toString()) : List.of(node));
                out.add(new Transition(fp, rule, AlertStatus.FIRING, nodeId, nodeName, Instant.ofEpochMilli(since),
                        Instant.ofEpochMilli(now), Instant.ofEpochMilli(now),
                        summary(rule, builtIn.get(), snap, nodeName, value), snap));
            }
        } else {
            conditionSince.remove(fp);
            restored.remove(fp);
            if (current != null) {
                Snapshot snap = snapshot(chainId, node == null ? nodesOf(chainId, rule.orgId().toString()) : List.of(node));
                out.add(new Transition(fp, rule, AlertStatus.RESOLVED, nodeId, nodeName, current.startedAt(),
                        current.startedAt(), Instant.ofEpochMilli(now), builtIn.get(), snap));
            }
        }
    }

    /** Pending conditions: held but not yet for forSeconds (fingerprint → since, epoch ms). */
    public Map<String, Long> pending() {
        Map<String, Long> out = new HashMap<>();
        pendingStates().forEach((fp, held) -> out.put(fp, held.ms()));
        return out;
    }

    /** Pending conditions with their chain and node, for persistence. */
    public Map<String, Since> pendingStates() {
        Map<String, Since> out = new HashMap<>(pendingNow);
        conditionSince.forEach((fp, held) -> {
            if (!firing.containsKey(fp)) {
                out.put(fp, held);
            }
        });
        return out;
    }

    /**
     * Pending conditions recorded before a restart or by the previous owner of a chain: a condition that still
     * holds when next evaluated counts from its recorded start instead of starting over.
     */
    public void restorePending(Map<String, Long> sinceByFingerprint) {
        restored.clear();
        restored.putAll(sinceByFingerprint);
    }

    private boolean inScope(Rule rule, NodeState node) {
        String alliance = rule.settings().allianceId();
        if (alliance != null && (node.target == null || !node.target.allianceIds().contains(alliance))) {
            return false; // alliance scope: only nodes whose registry target lists the alliance
        }
        List<LabelMatcher> match = rule.settings().match();
        if (match == null || match.isEmpty()) {
            return true;
        }
        Map<String, String> labels = new HashMap<>();
        labels.put("node", node.name());
        labels.put("node_id", node.nodeId);
        labels.put("chain_id", node.chainId);
        if (node.target != null) {
            labels.put("chain", node.target.chainName());
            labels.put("org", node.target.orgName());
            labels.put("platform", node.target.platform());
        }
        if (node.last != null && node.last.channel() != null) {
            labels.put("channel", node.last.channel());
        }
        return LabelMatcher.all(match, labels);
    }

    /** The rule's summary template filled in, or the built-in summary. */
    private static String summary(Rule rule, String builtIn, Snapshot snap, String nodeName, Double value) {
        String template = rule.settings().summary();
        if (template == null || template.isBlank()) {
            return builtIn;
        }
        return template.replace("{node}", nodeName == null ? "" : nodeName)
                .replace("{chain}", String.valueOf(snap.chainName()))
                .replace("{org}", String.valueOf(snap.orgName()))
                .replace("{value}", value == null ? "" : number(value))
                .replace("{severity}", rule.severity())
                .replace("{rule}", rule.type());
    }

    private String chainName(String chainId) {
        String[] names = names(chainId);
        return names == null || names[1] == null ? chainId : names[1];
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format("%.4g", v);
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
        Map<String, NodeState> of = nodesByChain.get(chainId);
        if (of == null) {
            return List.of();
        }
        List<NodeState> out = new ArrayList<>(of.size());
        for (NodeState n : of.values()) {
            if (n.orgId == null || orgId.equalsIgnoreCase(n.orgId)) {
                out.add(n);
            }
        }
        if (out.size() > 1) {
            out.sort(Comparator.comparing(NodeState::name));
        }
        return out;
    }

    private void index(NodeState node, String previousChain) {
        if (previousChain != null && !previousChain.equals(node.chainId)) {
            Map<String, NodeState> old = nodesByChain.get(previousChain);
            if (old != null) {
                old.remove(node.nodeId);
            }
        }
        if (node.chainId != null) {
            nodesByChain.computeIfAbsent(node.chainId, id -> new HashMap<>()).put(node.nodeId, node);
        }
    }

    /** Recomputes the chain's best height after a change; {@code trigger} is the OK sample that caused it. */
    private void recomputeBest(String chainId, NodeSample trigger) {
        ChainState chain = chains.get(chainId);
        if (chain == null) {
            return;
        }
        Double best = null;
        for (NodeState n : nodesByChain.getOrDefault(chainId, Map.of()).values()) {
            if (n.height != null && (best == null || n.height > best)) {
                best = n.height;
            }
        }
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
        NodeTarget named = nodesByChain.getOrDefault(chainId, Map.of()).values().stream()
                .filter(n -> n.target != null).map(n -> n.target).findFirst().orElse(null);
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

    /** A condition of rule {@code ruleId} holding since {@code ms} (poll time), on a chain and node (null: chain rule). */
    public record Since(long ms, String chainId, String nodeId, UUID ruleId) {
    }

    private String fingerprint(UUID ruleId, String chainId, String nodeId) {
        return fingerprints.computeIfAbsent(ruleId, id -> new HashMap<>())
                .computeIfAbsent(chainId + "|" + (nodeId == null ? "" : nodeId),
                        n -> Fingerprints.of(ruleId, chainId, nodeId));
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
        boolean txPending;
        final Deque<NodeSample> window = new ArrayDeque<>();

        NodeState(String nodeId, long learnedAtMs) {
            this.nodeId = nodeId;
            this.learnedAtMs = learnedAtMs;
        }

        String name() {
            if (target != null && target.nodeName() != null) {
                return target.nodeName();
            }
            String source = last == null ? null : last.info().get("cdc.source"); // a database table read by CDC
            return source != null ? source : nodeId;
        }
    }

    /** A chain's best height and since when (poll time). */
    private static final class ChainState {
        Double best;
        long bestSinceMs;
        long latestPollMs;
        boolean observedIncrease;
        long pendingSinceMs = -1;
        final Deque<NodeSample> recent = new ArrayDeque<>();
    }
}
