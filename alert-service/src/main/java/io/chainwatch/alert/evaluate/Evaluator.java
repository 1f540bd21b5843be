package io.chainwatch.alert.evaluate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.chainwatch.alert.lifecycle.AlertStatus;
import io.chainwatch.alert.lifecycle.FiringAlert;
import io.chainwatch.alert.lifecycle.NodeView;
import io.chainwatch.alert.lifecycle.Snapshot;
import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.alert.rule.LabelMatcher;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollRequest;
import io.chainwatch.events.Readings;

/**
 * The alert engine: what this instance knows about nodes and chains (state), and the lifecycle of alerts (since
 * when a condition holds, pending, firing, resolved, restored after a restart). What a condition <em>is</em> lives
 * with its rule type ({@code rule/<type>/}, a {@link Condition}); the engine calls it for each rule and chain and
 * knows nothing of its inside. Not thread-safe: the caller serializes access. Time comes from the injected clock
 * (this service's wall clock) and from the samples' own times.
 *
 * <p><b>State per node and channel.</b> Every sample belongs to a {@link Series}: the node's own (channel
 * {@code null}) or one Fabric channel of the node. A series keeps its own latest sample and readings, so a channel
 * sample never hides the node's operations readings nor another channel's height. Heights are compared within a
 * {@link Ledger}: the chain itself, or one Fabric channel across the peers.
 *
 * <p><b>Event time.</b> A ledger's best height counts from the <em>event time</em> of the first sample showing it:
 * the head block's own timestamp ({@code head.timestamp.seconds}), whether the head was seen by a poll or by a
 * WebSocket {@code newHeads} event ({@code head.source}). A node's clock can be wrong, so the timestamp is only
 * believed within {@code [poll time − (poll interval + skew tolerance), poll time]}: a head stamped in the future
 * counts from the poll time, and one older than a poll (plus tolerance) could not have been missed by the previous
 * poll, so it counts from the lower bound. A sample without a head timestamp counts from its poll time.
 *
 * <p><b>Deadlines.</b> A condition with a known deadline registers it ({@link ConditionScope#wakeAt}); the caller
 * evaluates again at {@link #nextWakeMs()} rather than on a fixed tick. When acting at the deadline could be
 * wrong because the newest data is up to one poll old, the condition asks for confirmation
 * ({@link ConditionScope#confirmed}): the engine queues a {@link PollRequest} ({@link #drainPollRequests()}) and the
 * decision waits for a sample polled after the deadline, at most {@code confirmWaitMs}.
 *
 * <p>Between the fire and resolve conditions an alert keeps its state, so a restart (state reloaded as FIRING,
 * nothing known yet) neither re-announces nor resolves an alert.
 */
public class Evaluator {

    /** Info key: where pending transactions are read from ({@code txpool_status}, {@code pending_block}). */
    public static final String PENDING_SOURCE = Readings.PENDING_SOURCE;
    /**
     * Fabric, per channel: transactions submitted for ordering since the previous sample (an orderer's channel
     * samples carry it; a peer's endorsed proposals include queries, so they do not count as pending transactions).
     */
    public static final String FABRIC_TX_SUBMITTED = Readings.FABRIC_TX_SUBMITTED;

    private final Clock clock;
    private final LongUnaryOperator freshnessMs;
    private final Map<UUID, NodeState> nodes = new HashMap<>();
    private final Map<UUID, Map<UUID, NodeState>> nodesByChain = new HashMap<>();
    /**
     * Each chain's nodes as an array sorted by name (the order alerts list them in), built when first asked after the
     * chain's membership changed; {@link #nodesOf} re-sorts it when a node's name changed since.
     */
    private final Map<UUID, NodeState[]> membersByChain = new HashMap<>();
    private final Map<UUID, ChainLedgers> chains = new HashMap<>();
    /** Since when (poll time) a condition of the common lifecycle holds, by fingerprint. */
    private final Map<String, Since> conditionSince = new HashMap<>();
    /** Conditions with their own timing holding but not fired yet (last evaluation). */
    final Map<String, Since> pendingNow = new HashMap<>();
    /** Pending conditions restored from the database after a restart or takeover: fingerprint → since (ms). */
    final Map<String, Long> restored = new HashMap<>();
    /** Fingerprints computed once per (rule, chain, node, channel). */
    private final Map<UUID, Map<Subject, String>> fingerprints = new HashMap<>();
    private final int recentSamples;
    /** The longest history window the rules of the last evaluation need, per series. */
    private long windowMs;
    final Map<String, FiringAlert> firing = new HashMap<>();
    /** The ledger's best height when an alert fired here (unknown for alerts reloaded after a restart). */
    final Map<String, Double> bestWhenFired = new HashMap<>();
    private final Set<UUID> deletedNodes = new HashSet<>();
    /** Confirmations asked: fingerprint → {deadline, asked at}. */
    private final Map<String, long[]> confirmations = new HashMap<>();
    private final List<PollRequest> pollRequests = new ArrayList<>();
    private final ConditionScope scope = new ConditionScope(this);
    private long nextWakeMs = Long.MAX_VALUE;
    private long confirmWaitMs = 1500;
    private long skewToleranceMs = 2000;

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

    /** How long a deadline waits for the fresh samples it asked for (0: decide at the deadline on what is known). */
    public Evaluator confirmWait(long ms) {
        this.confirmWaitMs = Math.max(0, ms);
        return this;
    }

    /** How far a head timestamp may lie outside the poll window before it is not believed (event time). */
    /** How far ahead of its poll time a head's timestamp is still believed, ms. */
    long skewToleranceMs() {
        return skewToleranceMs;
    }

    public Evaluator skewTolerance(long ms) {
        this.skewToleranceMs = Math.max(0, ms);
        return this;
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
        UUID previousChain = node.chainId;
        node.target = target;
        node.chainId = target.chainId();
        node.orgId = target.orgId();
        index(node, previousChain);
        if (previousChain != null && !previousChain.equals(target.chainId())) {
            recomputeAll(previousChain);
        }
    }

    /**
     * A node was deleted (tombstone). Its state is dropped and later samples of it are ignored. Returns the
     * fingerprints of its firing alerts — and of the chain's firing alerts when the chain has no node left —
     * which the caller closes quietly (no notification): the node no longer exists, it did not recover.
     */
    public List<String> removeNode(UUID nodeId) {
        deletedNodes.add(nodeId);
        NodeState node = nodes.remove(nodeId);
        List<String> closed = new ArrayList<>();
        if (node == null) {
            return closed;
        }
        if (node.chainId != null) {
            membersByChain.remove(node.chainId);
            Map<UUID, NodeState> of = nodesByChain.get(node.chainId);
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
                recomputeAll(node.chainId);
            }
        }
        return closed;
    }

    /** One poll result of one node (its own series, or one Fabric channel of it). */
    public void sample(NodeSample sample) {
        if (sample.nodeId() == null || sample.chainId() == null || deletedNodes.contains(sample.nodeId())) {
            return;
        }
        long now = clock.millis();
        NodeState node = nodes.computeIfAbsent(sample.nodeId(), id -> new NodeState(id, now));
        Series series = node.series(sample.channel(), true);
        if (series.last != null && sample.polledAtMs() < series.last.polledAtMs()) {
            return; // out of order: an older poll says nothing new
        }
        if (node.chainId == null) {
            node.chainId = sample.chainId();
            node.orgId = sample.orgId();
            index(node, null);
        }
        series.last = sample;
        if (node.last == null || sample.polledAtMs() >= node.last.polledAtMs()) {
            node.last = sample;
        }
        if (windowMs > 0) {
            series.window.addLast(sample);
            while (!series.window.isEmpty() && series.window.peekFirst().polledAtMs() <= sample.polledAtMs() - windowMs) {
                series.window.removeFirst();
            }
        } else if (!series.window.isEmpty()) {
            series.window.clear();
        }
        ChainLedgers chain = null;
        if (recentSamples > 0) {
            chain = chains.computeIfAbsent(node.chainId, ChainLedgers::new);
            chain.recent.addLast(sample);
            if (chain.recent.size() > recentSamples) {
                chain.recent.removeFirst();
            }
        }
        node.lastReceivedMs = now;
        if (!sample.up()) {
            node.lastFailure = sample.outcome();
            if (node.failingSinceMs < 0 && node.last == sample) {
                node.failingSinceMs = now;
            }
            return;
        }
        if (node.last == sample) {
            node.failingSinceMs = -1;
        }
        Double height = sample.reading(Readings.BLOCK_HEIGHT);
        if (height != null) {
            series.height = height;
            series.headAgeSeconds = sample.reading(Readings.HEAD_AGE_SECONDS);
            String hash = sample.info().get(Readings.HEAD_HASH);
            if (hash != null && !hash.isEmpty()) {
                series.hash(height.longValue(), hash);
            }
        }
        Double submitted = sample.reading(FABRIC_TX_SUBMITTED);
        Double blocks = sample.reading(Readings.FABRIC_BLOCKS);
        if (submitted != null || blocks != null) {
            // Fabric channel: transactions wait from a sample that saw some submitted, until a block is committed
            if (blocks != null && blocks > 0) {
                series.txPending = false;
            } else if (submitted != null && submitted > 0) {
                series.txPending = true;
            }
        } else {
            Double pending = sample.reading(Readings.TXPOOL_PENDING);
            series.txPending = pending != null && pending > 0;
        }
        if (chain == null) {
            chain = chains.computeIfAbsent(node.chainId, ChainLedgers::new);
        }
        Ledger ledger = chain.ledger(sample.channel());
        ledger.latestPollMs = Math.max(ledger.latestPollMs, sample.polledAtMs());
        if (height != null) {
            recomputeBest(ledger, eventTime(sample, node), sample.polledAtMs());
        }
        boolean ledgerPending = false;
        for (NodeState n : members(node.chainId)) {
            Series s = n.series(sample.channel(), false);
            if (s != null && s.txPending) {
                ledgerPending = true;
                break;
            }
        }
        if (!ledgerPending) {
            ledger.pendingSinceMs = -1;
        } else if (ledger.pendingSinceMs < 0) {
            ledger.pendingSinceMs = sample.polledAtMs();
        }
    }

    /**
     * The event time of an OK sample's head: its block timestamp, believed within
     * [poll time − (poll interval + skew tolerance), poll time]; the poll time when the sample has no timestamp.
     */
    long eventTime(NodeSample sample, NodeState node) {
        Double ts = sample.reading(Readings.HEAD_TIMESTAMP_SECONDS);
        long polled = sample.polledAtMs();
        if (ts == null || ts.isNaN()) {
            return polled;
        }
        long interval = node.target == null ? 1000 : Math.max(node.target.pollIntervalMs(), 0);
        long head = (long) (ts * 1000);
        long earliest = polled - interval - skewToleranceMs;
        return Math.min(polled, Math.max(head, earliest));
    }

    /** Replaces the known firing alerts (loaded from the database). */
    public void loadFiring(Collection<FiringAlert> alerts) {
        firing.clear();
        bestWhenFired.clear();
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
    public void takeOver(Predicate<UUID> chainFilter) {
        long now = clock.millis();
        for (NodeState node : nodes.values()) {
            if (node.chainId != null && chainFilter.test(node.chainId)) {
                node.learnedAtMs = now;
                node.last = null;
                node.lastReceivedMs = 0;
                node.failingSinceMs = -1;
                node.allSeries().forEach(Series::clear);
            }
        }
        chains.keySet().removeIf(chainFilter);
        conditionSince.values().removeIf(c -> chainFilter.test(c.chainId()));
    }

    /** The recent samples of a chain, oldest first (for dry runs); empty when none are kept. */
    public List<NodeSample> recent(UUID chainId) {
        ChainLedgers chain = chains.get(chainId);
        return chain == null ? List.of() : List.copyOf(chain.recent);
    }

    /** The registered nodes of a chain (for dry runs). */
    public List<NodeTarget> targets(UUID chainId) {
        return nodesByChain.getOrDefault(chainId, Map.of()).values().stream().filter(n -> n.target != null)
                .map(n -> n.target).toList();
    }

    /** What is known about a chain for notes on a rule: the latest sample of every series of the organization's nodes. */
    public ChainFacts facts(UUID chainId, UUID orgId) {
        List<NodeSample> latest = new ArrayList<>();
        for (NodeState n : nodesOf(chainId, orgId)) {
            for (Series s : n.allSeries()) {
                if (s.last != null) {
                    latest.add(s.last);
                }
            }
        }
        return new ChainFacts(chainId, latest);
    }

    /** {@code [orgName, chainName]} of a chain as its targets name them, or null when no target is known. */
    public String[] names(UUID chainId) {
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
        confirmations.remove(t.fingerprint());
        if (t.to() == AlertStatus.FIRING) {
            firing.put(t.fingerprint(), new FiringAlert(t.fingerprint(), t.rule().id(), t.chainId(),
                    t.nodeId(), t.startedAt()));
            if (t.snapshot() != null && t.snapshot().bestHeight() != null) {
                bestWhenFired.put(t.fingerprint(), t.snapshot().bestHeight());
            }
        } else {
            firing.remove(t.fingerprint());
            bestWhenFired.remove(t.fingerprint());
        }
    }

    /** Whether a pending condition restored from the database has not been judged yet. */
    public boolean isRestored(String fingerprint) {
        return restored.containsKey(fingerprint);
    }

    /** The name of a known node, or null. */
    public String nodeName(UUID nodeId) {
        NodeState node = nodes.get(nodeId);
        return node == null ? null : node.name();
    }

    public boolean isFiring(String fingerprint) {
        return firing.containsKey(fingerprint);
    }

    public int knownNodes() {
        return nodes.size();
    }

    /** When the last evaluation wants to be evaluated again at the latest (a deadline), epoch ms; MAX_VALUE: none. */
    public long nextWakeMs() {
        return nextWakeMs;
    }

    /** The immediate polls asked for since the last call (confirmations of deadlines). */
    public List<PollRequest> drainPollRequests() {
        if (pollRequests.isEmpty()) {
            return List.of();
        }
        List<PollRequest> out = List.copyOf(pollRequests);
        pollRequests.clear();
        return out;
    }

    // ---------------------------------------------------------------- evaluation

    /**
     * The transitions due now for the given rules, over chains accepted by {@code ownsChain}. Nothing changes
     * until the caller reports each recorded transition through {@link #applied(Transition)}.
     */
    @SuppressWarnings("unchecked")
    public List<Transition> evaluate(List<Rule> rules, Predicate<UUID> ownsChain) {
        long now = clock.millis();
        List<Transition> out = new ArrayList<>();
        long window = 0;
        for (Rule rule : rules) {
            window = Math.max(window, RuleKind.of(rule).condition().windowMs(rule));
        }
        windowMs = window;
        pendingNow.values().removeIf(p -> ownsChain.test(p.chainId()));
        nextWakeMs = Long.MAX_VALUE;
        scope.now = now;
        scope.out = out;
        for (Rule rule : rules) {
            Condition<Rule> condition = RuleKind.of(rule).condition();
            for (UUID chainId : chainsOf(rule)) {
                if (!ownsChain.test(chainId)) {
                    continue;
                }
                scope.rule = rule;
                scope.chainId = chainId;
                condition.evaluate(rule, scope);
            }
        }
        scope.rule = null;
        scope.out = null;
        return out;
    }

    /**
     * The chains a rule is evaluated on: its chain; or, for a rule scoped to an alliance without a chain, every
     * chain with a node of the rule's organization whose target lists the alliance (in id order).
     */
    public List<UUID> chainsOf(Rule rule) {
        if (rule.chainId() != null) {
            return List.of(rule.chainId());
        }
        UUID alliance = rule.settings().allianceId();
        if (alliance == null) {
            return List.of();
        }
        UUID orgId = rule.orgId();
        java.util.TreeSet<UUID> out = new java.util.TreeSet<>();
        for (NodeState n : nodes.values()) {
            if (n.chainId != null && n.target != null && n.target.allianceIds().contains(alliance)
                    && orgId.equals(n.orgId)) {
                out.add(n.chainId);
            }
        }
        return List.copyOf(out);
    }

    /** The common "holds continuously for forSeconds of poll time" lifecycle (see {@link ConditionScope#holds}). */
    void conditionStep(ConditionScope s, String fp, Series node, Ledger ledger, boolean holds, long pollMs,
                       Supplier<String> builtIn, Double value, List<Series> concerned) {
        Rule rule = s.rule;
        FiringAlert current = firing.get(fp);
        UUID nodeId = node == null ? null : node.nodeId();
        if (holds) {
            Since held = conditionSince.get(fp);
            if (held == null) {
                Long before = restored.remove(fp);
                held = new Since(before != null && before < pollMs ? before : pollMs, s.chainId, nodeId, rule.id());
                conditionSince.put(fp, held);
            }
            long since = held.ms();
            if (current == null && pollMs - since >= rule.forSeconds() * 1000L) {
                s.fire(fp, node, ledger, since, builtIn.get(), value, concerned);
            }
        } else {
            conditionSince.remove(fp);
            restored.remove(fp);
            if (current != null) {
                s.resolve(fp, node, ledger, builtIn.get(), concerned);
            }
        }
    }

    void wakeAt(long ms) {
        if (ms < nextWakeMs) {
            nextWakeMs = ms;
        }
    }

    boolean confirmed(String fp, UUID chainId, long deadlineMs, long freshestMs, List<UUID> nodeIds,
                      String type, long now, boolean decideOnKnown) {
        if (freshestMs >= deadlineMs) {
            confirmations.remove(fp);
            return true;
        }
        if (now < deadlineMs) {
            wakeAt(deadlineMs);
            return false;
        }
        long[] asked = confirmations.get(fp);
        if (asked == null || asked[0] != deadlineMs) {
            asked = new long[] {deadlineMs, now};
            confirmations.put(fp, asked);
            if (confirmWaitMs > 0) {
                pollRequests.add(new PollRequest(chainId, nodeIds, now, "confirm " + type + " deadline"));
            }
        }
        if (now >= asked[1] + confirmWaitMs) {
            if (decideOnKnown || confirmWaitMs == 0) {
                return true;
            }
            asked[1] = now; // no answer: ask again, and keep waiting for data newer than the deadline
            pollRequests.add(new PollRequest(chainId, nodeIds, now, "confirm " + type + " deadline (again)"));
        }
        wakeAt(asked[1] + confirmWaitMs);
        return false;
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

    boolean inScope(Rule rule, Series series) {
        NodeState node = series.node;
        UUID alliance = rule.settings().allianceId();
        if (alliance != null && (node.target == null || !node.target.allianceIds().contains(alliance))) {
            return false; // alliance scope: only nodes whose registry target lists the alliance
        }
        List<LabelMatcher> match = rule.settings().match();
        if (match == null || match.isEmpty()) {
            return true;
        }
        Map<String, String> labels = new HashMap<>();
        labels.put("node", node.name());
        labels.put("node_id", String.valueOf(node.nodeId));
        labels.put("chain_id", String.valueOf(node.chainId));
        if (node.target != null) {
            labels.put("chain", node.target.chainName());
            labels.put("org", node.target.orgName());
            labels.put("platform", node.target.platform());
        }
        if (series.channel != null) {
            labels.put("channel", series.channel);
        }
        return LabelMatcher.all(match, labels);
    }

    /** The rule's summary template filled in, or the built-in summary. */
    static String summary(Rule rule, String builtIn, Snapshot snap, String nodeName, Double value) {
        String template = rule.settings().summary();
        if (template == null || template.isBlank()) {
            return builtIn;
        }
        return template.replace("{node}", nodeName == null ? "" : nodeName)
                .replace("{chain}", String.valueOf(snap.chainName()))
                .replace("{channel}", snap.channel() == null ? "" : snap.channel())
                .replace("{org}", String.valueOf(snap.orgName()))
                .replace("{value}", value == null ? "" : number(value))
                .replace("{severity}", rule.severity())
                .replace("{rule}", rule.type());
    }

    String chainName(UUID chainId) {
        String[] names = names(chainId);
        return names == null || names[1] == null ? String.valueOf(chainId) : names[1];
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.format("%.4g", v);
    }

    /** Since when the node counts as down for a rule of {@code forMs}, or null when it does not (yet). */
    Long downSince(NodeState node, long now, long forMs) {
        if (nodeAnswering(node, now)) {
            return null;
        }
        if (node.last != null && !node.last.up() && now - node.failingSinceMs >= forMs) {
            return node.failingSinceMs;
        }
        long silentSince = node.last == null ? node.learnedAtMs : node.lastReceivedMs;
        long silentFor = Math.max(forMs, freshness(node));
        if (now - silentSince >= silentFor) {
            return node.last != null && !node.last.up() ? node.failingSinceMs : silentSince;
        }
        wakeAt(silentSince + silentFor);
        return null;
    }

    boolean nodeAnswering(NodeState node, long now) {
        boolean answering = node.last != null && node.last.up() && now - node.last.polledAtMs() < freshness(node);
        if (answering) {
            wakeAt(node.last.polledAtMs() + freshness(node)); // when it stops counting as answering
        }
        return answering;
    }

    boolean answering(Series s, long now) {
        return s.last != null && s.last.up() && now - s.last.polledAtMs() < freshness(s.node);
    }

    long freshness(NodeState node) {
        return freshnessMs.applyAsLong(node.target == null ? 0 : node.target.pollIntervalMs());
    }

    /** The chain's nodes of organization {@code orgId} (and nodes of no known organization), sorted by name. */
    List<NodeState> nodesOf(UUID chainId, UUID orgId) {
        NodeState[] members = members(chainId);
        if (members.length == 0) {
            return List.of();
        }
        for (int i = 1; i < members.length; i++) {
            if (members[i - 1].name().compareTo(members[i].name()) > 0) {
                Arrays.sort(members, BY_NAME); // a node was renamed since the array was sorted
                break;
            }
        }
        List<NodeState> out = new ArrayList<>(members.length);
        for (NodeState n : members) {
            if (n.orgId == null || orgId.equals(n.orgId)) {
                out.add(n);
            }
        }
        return out;
    }

    private static final Comparator<NodeState> BY_NAME = Comparator.comparing(NodeState::name);
    private static final NodeState[] NO_NODES = new NodeState[0];

    /** The chain's nodes, sorted by name when the array was built (cached until the membership changes). */
    private NodeState[] members(UUID chainId) {
        NodeState[] members = membersByChain.get(chainId);
        if (members == null) {
            Map<UUID, NodeState> of = nodesByChain.get(chainId);
            if (of == null || of.isEmpty()) {
                return NO_NODES;
            }
            members = of.values().toArray(NO_NODES);
            Arrays.sort(members, BY_NAME);
            membersByChain.put(chainId, members);
        }
        return members;
    }

    List<Ledger> ledgersOf(UUID chainId) {
        ChainLedgers chain = chains.get(chainId);
        if (chain == null) {
            return List.of();
        }
        if (chain.channels == null) {
            return chain.own.latestPollMs == 0 ? List.of() : List.of(chain.own);
        }
        List<Ledger> out = new ArrayList<>(1 + chain.channels.size());
        if (chain.own.latestPollMs != 0) {
            out.add(chain.own);
        }
        out.addAll(chain.channels.values());
        return out;
    }

    private void index(NodeState node, UUID previousChain) {
        if (previousChain != null && !previousChain.equals(node.chainId)) {
            Map<UUID, NodeState> old = nodesByChain.get(previousChain);
            if (old != null) {
                old.remove(node.nodeId);
            }
            membersByChain.remove(previousChain);
        }
        if (node.chainId != null) {
            nodesByChain.computeIfAbsent(node.chainId, id -> new HashMap<>()).put(node.nodeId, node);
            membersByChain.remove(node.chainId);
        }
    }

    private void recomputeAll(UUID chainId) {
        ChainLedgers chain = chains.get(chainId);
        if (chain != null) {
            for (Ledger l : ledgersOf(chainId)) {
                recomputeBest(l, l.latestPollMs, l.latestPollMs);
            }
        }
    }

    /** Recomputes the ledger's best height after a change; {@code at}: event time of the change, seen at {@code seenAt}. */
    private void recomputeBest(Ledger ledger, long at, long seenAt) {
        Double best = null;
        for (NodeState n : members(ledger.chainId)) {
            Series s = n.series(ledger.channel, false);
            if (s != null && s.height != null && (best == null || s.height > best)) {
                best = s.height;
            }
        }
        if (best == null) {
            ledger.best = null;
            ledger.observedIncrease = false;
        } else if (ledger.best == null) {
            ledger.best = best;
            ledger.bestSinceMs = at; // first observation: a baseline, not an increase
            ledger.bestSeenAtMs = seenAt;
            ledger.observedIncrease = false;
        } else if (best > ledger.best) {
            ledger.best = best;
            ledger.bestSinceMs = Math.max(at, ledger.bestSinceMs); // never earlier than the height it replaces
            ledger.bestSeenAtMs = seenAt;
            ledger.observedIncrease = true;
        } else if (best < ledger.best) {
            ledger.best = best;
            ledger.bestSinceMs = at; // a reset or removed node: count again, but it is no recovery
            ledger.bestSeenAtMs = seenAt;
            ledger.observedIncrease = false;
        }
    }

    Snapshot snapshot(UUID chainId, Ledger ledger, List<Series> concerned) {
        NodeTarget named = nodesByChain.getOrDefault(chainId, Map.of()).values().stream()
                .filter(n -> n.target != null).map(n -> n.target).findFirst().orElse(null);
        UUID orgId = concerned.isEmpty() ? null : concerned.get(0).node.orgId;
        List<NodeView> views = concerned.stream().map(s -> {
            NodeSample last = s.channel == null ? s.node.last : s.last;
            return new NodeView(s.nodeId(), s.name(),
                    last == null ? null : Instant.ofEpochMilli(last.polledAtMs()),
                    last == null ? null : last.outcome(),
                    last == null ? null : last.error(),
                    s.height, s.headAgeSeconds, Instant.ofEpochMilli(s.node.learnedAtMs), s.channel);
        }).toList();
        return new Snapshot(orgId, named == null ? String.valueOf(orgId) : named.orgName(), chainId,
                named == null ? String.valueOf(chainId) : named.chainName(),
                ledger == null ? null : ledger.best,
                ledger == null || ledger.best == null ? null : Instant.ofEpochMilli(ledger.bestSinceMs),
                views, ledger == null ? channelOf(concerned) : ledger.channel);
    }

    private static String channelOf(List<Series> concerned) {
        return concerned.size() == 1 ? concerned.get(0).channel : null;
    }

    /** A condition of rule {@code ruleId} holding since {@code ms} (poll time), on a chain and node (null: chain rule). */
    public record Since(long ms, UUID chainId, UUID nodeId, UUID ruleId) {
    }

    String fingerprint(UUID ruleId, UUID chainId, UUID nodeId, String channel) {
        return fingerprints.computeIfAbsent(ruleId, id -> new HashMap<>())
                .computeIfAbsent(new Subject(chainId, nodeId, channel),
                        k -> Fingerprints.of(ruleId, chainId, nodeId, channel));
    }

    /** What an alert key is about besides its rule: a chain, a node (null: the chain) and a channel (null: none). */
    private record Subject(UUID chainId, UUID nodeId, String channel) {
    }

    /** A chain's ledgers: its own and one per Fabric channel; and its recent samples for dry runs. */
    private static final class ChainLedgers {
        final Ledger own;
        TreeMap<String, Ledger> channels;
        final Deque<NodeSample> recent = new ArrayDeque<>();
        final UUID chainId;

        ChainLedgers(UUID chainId) {
            this.chainId = chainId;
            this.own = new Ledger(chainId, null);
        }

        Ledger ledger(String channel) {
            if (channel == null) {
                return own;
            }
            if (channels == null) {
                channels = new TreeMap<>();
            }
            return channels.computeIfAbsent(channel, c -> new Ledger(chainId, c));
        }
    }
}
