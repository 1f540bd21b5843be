package io.chainwatch.alert.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.chainwatch.alert.AlertMetrics;
import io.chainwatch.alert.AlertProperties;
import io.chainwatch.alert.evaluate.Condition;
import io.chainwatch.alert.evaluate.DryRun;
import io.chainwatch.alert.evaluate.Evaluator;
import io.chainwatch.alert.evaluate.RuleKind;
import io.chainwatch.alert.lifecycle.AlertRepository;
import io.chainwatch.alert.lifecycle.AlertStatus;
import io.chainwatch.alert.lifecycle.PendingRepository;
import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.alert.lifecycle.TransitionRecorder;
import io.chainwatch.alert.notify.OutboxDispatcher;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.ruleset.RuleStore;
import io.chainwatch.alert.ruleset.RuleTypes;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.PollRequest;
import io.chainwatch.events.Topics;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the {@link Evaluator} for the Kafka inputs, the deadlines and the evaluation tick, records each transition
 * (alert row, history and event log in one transaction) and then wakes the dispatcher — the one way from evaluation
 * to notification; nothing in {@code notify} calls back. Samples are evaluated as soon as a batch is applied (so a
 * recovery resolves on the first sample showing it), and the batch's offsets are committed only after its
 * transitions are recorded. After every evaluation a one-shot timer is set to the engine's next deadline
 * ({@link Evaluator#nextWakeMs()}), so a condition fires at its deadline rather than on the next tick (the tick
 * remains as a backstop and stores pending conditions); the immediate polls the engine asks for to confirm a deadline
 * are published to {@link Topics#POLL_REQUESTS}. Firing alerts are loaded from the database before the first
 * evaluation and whenever this instance takes over chains.
 */
@Service
public class EvaluationService {

    private static final Logger log = LoggerFactory.getLogger(EvaluationService.class);

    private final AlertProperties properties;
    private final Evaluator evaluator;
    private final RuleStore rules;
    private final AlertRepository alerts;
    private final TransitionRecorder recorder;
    private final OutboxDispatcher dispatcher;
    private final AlertMetrics metrics;
    private final PendingRepository pendingRepository;
    /** Pending conditions as last written to the database. */
    private final Map<String, Evaluator.Since> persistedPending = new HashMap<>();
    private final Set<UUID> deletedRules = ConcurrentHashMap.newKeySet();
    /** Each rule as this instance last judged it, to notice edits that change what it watches. */
    private final Map<UUID, Rule> judged = new HashMap<>();
    private volatile Predicate<UUID> ownsChain = chain -> false;
    private boolean firingLoaded;
    private final ObjectProvider<KafkaTemplate<String, String>> kafka;
    private final JsonMapper json;
    private final java.util.concurrent.ScheduledExecutorService deadlines =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "alert-deadlines");
                t.setDaemon(true);
                return t;
            });
    private final java.util.concurrent.ExecutorService sender =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "alert-poll-requests");
                t.setDaemon(true);
                return t;
            });
    /** When the deadline timer is set for (epoch ms), MAX_VALUE: not set. */
    private long wakeScheduledMs = Long.MAX_VALUE;

    public EvaluationService(AlertProperties properties, RuleStore rules, AlertRepository alerts,
                             TransitionRecorder recorder, OutboxDispatcher dispatcher, AlertMetrics metrics,
                             PendingRepository pendingRepository, ObjectProvider<KafkaTemplate<String, String>> kafka,
                             JsonMapper json) {
        this.pendingRepository = pendingRepository;
        this.properties = properties;
        this.kafka = kafka;
        this.json = json;
        this.evaluator = new Evaluator(Clock.systemUTC(), properties::freshnessMs, properties.recentSamples())
                .confirmWait(properties.confirmWait().toMillis())
                .skewTolerance(properties.clockSkewTolerance().toMillis());
        this.rules = rules;
        this.alerts = alerts;
        this.recorder = recorder;
        this.dispatcher = dispatcher;
        this.metrics = metrics;
        metrics.ruleTypes(RuleTypes.names());
        rules.onDelete(this::ruleDeleted);
        rules.onRescope(this::ruleRescoped);
    }

    public synchronized void onTarget(NodeTarget target) {
        evaluator.target(target);
        metrics.chainKnown(target.orgName(), target.chainName());
    }

    /** A node was deleted: its open alerts are closed quietly (resolved without notification). */
    public synchronized void onTargetRemoved(UUID nodeId) {
        List<String> closed = evaluator.removeNode(nodeId);
        if (!closed.isEmpty()) {
            try {
                recorder.closeQuietly(closed, "node deleted");
                log.info("Node {} deleted: closed {} alert(s) without notification", nodeId, closed.size());
            } catch (RuntimeException e) {
                log.warn("Could not close the alerts of deleted node {}: {}", nodeId, e.toString());
            }
        }
    }

    /**
     * Applies a batch of samples and evaluates the chains they touched. Returns false when a transition could not
     * be recorded: the caller must then not commit the batch's offsets (it is delivered again).
     */
    public synchronized boolean onSamples(Collection<NodeSample> samples) {
        Set<UUID> touched = new HashSet<>();
        for (NodeSample s : samples) {
            evaluator.sample(s);
            touched.add(s.chainId());
        }
        Predicate<UUID> owns = ownsChain;
        return evaluateAndRecord(chain -> touched.contains(chain) && owns.test(chain));
    }

    /**
     * The samples partitions assigned to this instance changed: from now on it evaluates the chains accepted by
     * {@code owns}; chains accepted by {@code newlyOwned} start over (startup grace) and the firing alerts are
     * reloaded, since another instance may have changed them meanwhile.
     */
    public synchronized void ownershipChanged(Predicate<UUID> owns, Predicate<UUID> newlyOwned) {
        this.ownsChain = owns;
        evaluator.takeOver(newlyOwned);
        firingLoaded = false;
        loadFiring();
    }

    /** One evaluation round (timer); then the pending conditions of the chains evaluated here are stored. */
    public synchronized void tick() {
        if (evaluateAndRecord(ownsChain)) {
            persistPending();
        }
    }

    /**
     * Writes what changed in the pending conditions of the owned chains (nothing when nothing changed). A stored
     * row is also what the alert API shows as a PENDING alert, so it carries the rule's organization, type,
     * severity and the names. A row restored after a restart or takeover is deleted once the evaluator has judged
     * its condition over (it is no longer among the restored conditions and does not hold).
     */
    private void persistPending() {
        Predicate<UUID> owns = ownsChain;
        Map<String, Evaluator.Since> now = evaluator.pendingStates();
        List<PendingRepository.Row> upserts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        Map<UUID, Rule> byId = new HashMap<>();
        now.forEach((fp, since) -> {
            Evaluator.Since before = persistedPending.get(fp);
            if (before == null || before.ms() != since.ms() || before.ruleId() == null) {
                upserts.add(pendingRow(fp, since, byId));
            }
        });
        persistedPending.forEach((fp, since) -> {
            if (!now.containsKey(fp) && owns.test(since.chainId()) && !evaluator.isRestored(fp)) {
                deletes.add(fp);
            }
        });
        if (upserts.isEmpty() && deletes.isEmpty()) {
            return;
        }
        try {
            pendingRepository.apply(upserts, deletes);
            deletes.forEach(persistedPending::remove);
            persistedPending.putAll(now);
        } catch (RuntimeException e) {
            log.warn("Could not store pending conditions, will retry: {}", e.toString());
        }
    }

    private PendingRepository.Row pendingRow(String fp, Evaluator.Since since, Map<UUID, Rule> byId) {
        if (byId.isEmpty()) {
            rules.enabled().forEach(r -> byId.put(r.id(), r));
        }
        Rule rule = since.ruleId() == null ? null : byId.get(since.ruleId());
        if (rule == null) {
            return new PendingRepository.Row(fp, since.chainId(), since.nodeId(), since.ms());
        }
        String[] names = evaluator.names(since.chainId());
        String nodeName = since.nodeId() == null ? null : evaluator.nodeName(since.nodeId());
        String what = (nodeName == null ? "" : nodeName + ": ") + rule.type() + " condition holds since "
                + Instant.ofEpochMilli(since.ms()) + "; fires when it has held for " + rule.forSeconds() + " s";
        return new PendingRepository.Row(fp, since.chainId(), since.nodeId(), since.ms(), rule.id(), rule.orgId(),
                rule.type(), rule.severity(), names == null ? null : names[0], names == null ? null : names[1],
                nodeName, what);
    }

    private boolean evaluateAndRecord(Predicate<UUID> chains) {
        if (!firingLoaded && !loadFiring()) {
            return false;
        }
        List<Rule> active = rules.enabled().stream().filter(r -> !deletedRules.contains(r.id())).toList();
        forgetRescoped(active);
        boolean recorded = false;
        boolean complete = true;
        for (Transition t : evaluator.evaluate(active, chains)) {
            try {
                if (recorder.record(t)) {
                    recorded = true;
                    log.info("Alert {} {}: {}", t.fingerprint(), t.to(), t.summary());
                } else {
                    log.info("Alert {} was already {} in the database", t.fingerprint(), t.to());
                }
                evaluator.applied(t);
            } catch (RuntimeException e) {
                log.warn("Could not record transition {} of alert {}, will retry: {}", t.to(), t.fingerprint(),
                        e.toString());
                complete = false;
                break;
            }
        }
        if (recorded) {
            dispatcher.wake();
        }
        publish(evaluator.drainPollRequests());
        scheduleWake(evaluator.nextWakeMs());
        return complete;
    }

    /** Sets the one-shot deadline timer to {@code atMs} unless it is already set earlier. Caller holds the lock. */
    private void scheduleWake(long atMs) {
        if (atMs == Long.MAX_VALUE) {
            return;
        }
        long now = System.currentTimeMillis();
        if (wakeScheduledMs <= atMs && wakeScheduledMs >= now) {
            return; // an earlier (or the same) wake-up is already set; it sets the next one
        }
        wakeScheduledMs = atMs;
        deadlines.schedule(this::deadline, Math.max(0, atMs - now), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** A deadline is due: evaluate the owned chains now, and record how late this started. */
    private void deadline() {
        try {
            synchronized (this) {
                long due = wakeScheduledMs;
                long now = System.currentTimeMillis();
                if (due <= now) { // else a timer replaced by an earlier one (which already ran): not late, early
                    metrics.deadlineLateness(java.time.Duration.ofMillis(now - due));
                }
                wakeScheduledMs = Long.MAX_VALUE;
                evaluateAndRecord(ownsChain);
            }
        } catch (RuntimeException e) {
            log.warn("Deadline evaluation failed: {}", e.toString(), e);
        }
    }

    /**
     * Asks the collectors for immediate polls (confirmations of deadlines); the answers arrive as samples. Sent from
     * the sender thread: a producer may block on metadata, the evaluation must not.
     */
    private void publish(List<PollRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        KafkaTemplate<String, String> template = kafka.getIfAvailable();
        if (template == null) {
            return;
        }
        try {
            sender.execute(() -> send(template, requests));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("Shutting down: poll requests not sent");
        }
    }

    private void send(KafkaTemplate<String, String> template, List<PollRequest> requests) {
        for (PollRequest r : requests) {
            try {
                template.send(Topics.POLL_REQUESTS, r.chainId().toString(), json.writeValueAsString(r))
                        .whenComplete((ok, e) -> {
                            if (e != null) {
                                log.warn("Could not ask for an immediate poll of chain {}: {}", r.chainId(), e.toString());
                            }
                        });
                metrics.pollRequested();
            } catch (RuntimeException e) {
                log.warn("Could not ask for an immediate poll of chain {}: {}", r.chainId(), e.toString());
            }
        }
    }

    /** What the rule's type says about it on its chains (validation warnings, dry-run notes). */
    @SuppressWarnings("unchecked")
    public List<String> notes(Rule rule) {
        Condition<Rule> condition = RuleKind.of(rule).condition();
        List<String> out = new ArrayList<>();
        synchronized (this) {
            for (UUID chainId : evaluator.chainsOf(rule)) {
                out.addAll(condition.notes(rule, evaluator.facts(chainId, rule.orgId())));
            }
        }
        return out;
    }

    @PreDestroy
    void stopDeadlines() {
        deadlines.shutdownNow();
        sender.shutdownNow();
    }

    private boolean loadFiring() {
        try {
            evaluator.loadFiring(alerts.firing());
            List<PendingRepository.Stored> stored = pendingRepository.loadRows();
            Map<String, Long> sinceByFp = new HashMap<>();
            for (PendingRepository.Stored row : stored) {
                sinceByFp.put(row.fingerprint(), row.sinceMs());
                persistedPending.put(row.fingerprint(),
                        new Evaluator.Since(row.sinceMs(), row.chainId(), row.nodeId(), row.ruleId()));
            }
            evaluator.restorePending(sinceByFp);
            firingLoaded = true;
        } catch (RuntimeException e) {
            log.warn("Could not load firing alerts, evaluation waits: {}", e.toString());
        }
        return firingLoaded;
    }

    /**
     * Sets the firing gauge: open alerts of the chains this instance evaluates, and 0 for every (severity, org,
     * chain) of an enabled rule on such a chain.
     */
    public void refreshGauges() {
        Predicate<UUID> owns = ownsChain;
        Map<List<String>, Long> counts = new HashMap<>();
        synchronized (this) {
            for (Rule r : rules.enabled()) {
                for (UUID chain : evaluator.chainsOf(r)) {
                    if (!owns.test(chain)) {
                        continue;
                    }
                    String[] names = evaluator.names(chain);
                    String org = names == null || names[0] == null ? r.orgId().toString() : names[0];
                    String chainName = names == null || names[1] == null ? chain.toString() : names[1];
                    counts.put(List.of(r.severity(), org, chainName), 0L);
                    metrics.chainKnown(org, chainName);
                }
            }
        }
        for (Object[] row : alerts.openCounts()) {
            if (owns.test((UUID) row[2])) {
                counts.merge(List.of((String) row[0], (String) row[1], (String) row[3]), (Long) row[4], Long::sum);
            }
        }
        metrics.firing(counts);
    }

    /**
     * Replays the recent samples of the rule's chain or chains (kept by this instance) through a fresh evaluator holding only
     * {@code rule}, with time taken from the samples, and returns the transitions it would have made in the
     * last {@code lookback}.
     */
    public DryRun dryRun(Rule rule, Duration lookback) {
        List<NodeSample> samples = new ArrayList<>();
        List<NodeTarget> targets = new ArrayList<>();
        synchronized (this) {
            for (UUID chainId : evaluator.chainsOf(rule)) { // an alliance rule without a chain: all its chains
                samples.addAll(evaluator.recent(chainId));
                targets.addAll(evaluator.targets(chainId));
            }
        }
        long end = System.currentTimeMillis();
        long start = end - lookback.toMillis();
        UUID orgId = rule.orgId();
        samples.removeIf(s -> s.polledAtMs() < start || (s.orgId() != null && !orgId.equals(s.orgId())));
        targets = targets.stream().filter(t -> orgId.equals(t.orgId())).toList(); // only its own nodes
        samples.sort(java.util.Comparator.comparingLong(NodeSample::polledAtMs));
        long[] now = {samples.isEmpty() ? end : samples.get(0).polledAtMs()};
        Clock replayClock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        Evaluator replay = new Evaluator(replayClock, properties::freshnessMs).confirmWait(0)
                .skewTolerance(properties.clockSkewTolerance().toMillis());
        targets.forEach(replay::target);
        List<Rule> only = List.of(rule);
        List<DryRun.Step> steps = new ArrayList<>();
        replay.evaluate(only, c -> true);
        // as the service runs: evaluated on each sample's arrival and at each deadline the engine sets, plus a
        // backstop step (at most 1 s) so nothing depends on the configured tick
        long step = Math.min(Math.max(properties.evaluationTick().toMillis(), 250), 1000);
        int i = 0;
        long t = now[0];
        while (t <= end) {
            now[0] = t;
            while (i < samples.size() && samples.get(i).polledAtMs() <= t) {
                replay.sample(samples.get(i++));
            }
            for (Transition tr : replay.evaluate(only, c -> true)) {
                replay.applied(tr);
                steps.add(new DryRun.Step(tr.to(), tr.at(), tr.nodeId(), tr.nodeName(), tr.summary()));
            }
            long next = Math.min(t + step, replay.nextWakeMs());
            if (i < samples.size()) {
                next = Math.min(next, samples.get(i).polledAtMs());
            }
            t = Math.max(next, t + 1);
        }
        boolean fired = steps.stream().anyMatch(s -> s.status() == AlertStatus.FIRING);
        return new DryRun(fired, samples.size(), samples.isEmpty() ? null : Instant.ofEpochMilli(samples.get(0).polledAtMs()),
                Instant.ofEpochMilli(end), steps, notes(rule));
    }

    /**
     * Forgets what this instance holds about a rule that now watches other nodes than when it was last judged here
     * (edited on any instance): its alerts were closed by the edit, its conditions start again. Caller holds the lock.
     */
    private void forgetRescoped(List<Rule> active) {
        for (Rule rule : active) {
            Rule before = judged.put(rule.id(), rule);
            if (before != null && !before.watchesSameAs(rule)) {
                log.info("Rule {} now watches other nodes: its conditions start again", rule.id());
                evaluator.forgetRule(rule.id());
                persistedPending.values().removeIf(since -> rule.id().equals(since.ruleId()));
            }
        }
    }

    /** Runs inside the transaction of an edit that makes the rule watch other nodes (the rule as it was). */
    private void ruleRescoped(Rule rule) {
        recorder.closeQuietlyByRule(rule.id(), "rule changed: it now watches other nodes");
        pendingRepository.deleteByRule(rule.id());
    }

    /** Runs inside the rule's delete transaction. */
    private void ruleDeleted(Rule rule) {
        deletedRules.add(rule.id());
        synchronized (this) {
            judged.remove(rule.id());
            evaluator.forgetRule(rule.id());
            recorder.closeQuietlyByRule(rule.id(), "rule deleted");
            pendingRepository.deleteByRule(rule.id());
            persistedPending.values().removeIf(since -> rule.id().equals(since.ruleId()));
        }
    }
}
