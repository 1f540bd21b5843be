package io.chainwatch.alert.rule.chainstalled;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.chainwatch.alert.evaluate.ChainFacts;
import io.chainwatch.alert.evaluate.Condition;
import io.chainwatch.alert.evaluate.ConditionScope;
import io.chainwatch.alert.evaluate.Evaluator;
import io.chainwatch.alert.evaluate.Ledger;
import io.chainwatch.alert.evaluate.Series;
import io.chainwatch.alert.lifecycle.FiringAlert;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.Readings;

/**
 * {@code chain_stalled}, per ledger (the chain; each Fabric channel on its own): the best height has not increased
 * for forSeconds, counted from the event time of the head that set it, while some node of the ledger answers.
 *
 * <p>The deadline is that head's time + forSeconds. At the deadline the newest sample may be up to one poll old
 * (a block may have come since), so the condition fires only on a sample polled at or after the deadline that still
 * shows no increase; when there is none yet it asks for an immediate poll of the chain's nodes and decides on the
 * answer — never on older data: without an answer within the confirmation wait it asks again and, at the latest,
 * decides on the next regular poll. Resolves on the first sample showing an increase. A drop of the best height (a
 * node reset or removed) restarts the count without resolving.
 *
 * <p>Between two blocks the best height does not increase either: the stall is shown (PENDING in the API, counted
 * from the last block's time) only once half of forSeconds has passed without a block, so that a chain that makes
 * blocks is not listed as pending between each two of them (with several nodes, or polls between blocks, it was,
 * about once a block). When it fires is not changed by this.
 *
 * <p>Blocks count too when they do not raise the best height: when an answering node's head block is newer (by
 * its own timestamp, capped at its poll time) than the best height's time, the chain produces blocks — the best
 * height is held by a node that stopped answering, or dates from before a node's chain was reset — so the count
 * starts from that head, and a firing stall resolves on a head newer than the alert. A node syncing old blocks shows
 * old timestamps and moves nothing.
 *
 * <p>Mode {@code pending_transactions}: only time during which transactions wait counts — on Ethereum some node
 * reports {@code txpool.pending} &gt; 0; on a Fabric channel some peer reported {@code fabric.tx.submitted} &gt; 0
 * (transactions submitted for ordering) in a sample with no block committed, and no block was committed since.
 */
public final class ChainStalledCondition implements Condition<ChainStalledRule> {

    @Override
    public void evaluate(ChainStalledRule rule, ConditionScope scope) {
        for (Ledger ledger : scope.ledgers()) {
            evaluate(rule, scope, ledger);
        }
    }

    private static void evaluate(ChainStalledRule rule, ConditionScope scope, Ledger ledger) {
        List<Series> nodes = scope.series(ledger, rule.settings().allianceId() != null);
        String fp = scope.key(null, ledger.channel());
        FiringAlert current = scope.firing(fp);
        if (ledger.best() == null || nodes.isEmpty()) {
            return;
        }
        boolean pendingMode = ChainStalledRule.MODE_PENDING_TRANSACTIONS.equals(rule.mode());
        long forMs = rule.forSeconds() * 1000L;
        long countedFrom = ledger.bestSinceMs();
        if (pendingMode) {
            countedFrom = ledger.pendingSinceMs() < 0 ? Long.MAX_VALUE
                    : Math.max(ledger.bestSinceMs(), ledger.pendingSinceMs());
        }
        // blocks that answering nodes show after the best height's time: the chain produces blocks, though its best
        // height does not rise (held by a node that stopped answering, or from before a node's chain was reset)
        long newestHead = newestHead(scope, nodes);
        boolean headsPastBest = newestHead > ledger.bestSinceMs();
        if (countedFrom != Long.MAX_VALUE && newestHead > countedFrom) {
            countedFrom = newestHead;
        }
        Long restoredSince = scope.restored(fp);
        if (restoredSince != null) {
            if (ledger.observedIncrease() || current != null) {
                scope.dropRestored(fp); // it advanced since (or fired): the stall before the restart is over
            } else if (countedFrom != Long.MAX_VALUE && restoredSince < countedFrom) {
                countedFrom = restoredSince; // the same stall, counted from before the restart
            }
        }
        long latest = ledger.latestPollMs();
        if (current != null) {
            // the first sample showing an increase past the height it fired at resolves (unless the chain has
            // stalled again since, by poll time)
            Double firedAt = scope.bestWhenFired(fp);
            if (ledger.observedIncrease() && latest - ledger.bestSeenAtMs() < forMs
                    && (firedAt == null || ledger.best() > firedAt)) {
                scope.resolve(fp, null, ledger, "Chain " + scope.chainName(ledger) + " advances again: best height "
                        + height(ledger.best()) + " reached at " + Instant.ofEpochMilli(ledger.bestSinceMs()), nodes);
            } else if (newestHead > current.startedAt().toEpochMilli()) {
                scope.resolve(fp, null, ledger, "Chain " + scope.chainName(ledger) + " advances again: a node shows a"
                        + " block of " + Instant.ofEpochMilli(newestHead) + ", after the stall was announced", nodes);
            }
            return;
        }
        if (countedFrom == Long.MAX_VALUE) {
            return; // nothing waits for a block: idle, not stalled
        }
        boolean answering = false;
        for (Series s : nodes) {
            if (scope.answering(s)) {
                answering = true;
                break;
            }
        }
        if (!answering) {
            return; // no node answers: the unreachable rule's business
        }
        long deadline = countedFrom + forMs;
        // a sample after the one that showed the height, still at it: the stall is visible
        boolean seen = latest > ledger.bestSeenAtMs() || restoredSince != null;
        if (!seen && scope.now() < deadline) {
            scope.wakeAt(deadline);
            return;
        }
        if (!scope.confirmed(fp, deadline, latest, List.of(), false)) {
            if (seen && (restoredSince != null || scope.now() - countedFrom >= forMs / 2)) {
                scope.pending(fp, countedFrom, null);
            }
            return;
        }
        Instant since = Instant.ofEpochMilli(countedFrom);
        String builtIn = headsPastBest
                ? "Chain " + scope.chainName(ledger) + " stalled: no node has shown a new block since "
                        + Instant.ofEpochMilli(newestHead) + " (" + (Math.max(latest, scope.now()) - newestHead) / 1000
                        + " s; the best height seen, " + height(ledger.best()) + ", is not reached again)"
                : "Chain " + scope.chainName(ledger) + " stalled: best height " + height(ledger.best())
                + " has not increased since " + Instant.ofEpochMilli(ledger.bestSinceMs()) + " ("
                + (Math.max(latest, scope.now()) - ledger.bestSinceMs()) / 1000 + " s"
                + (countedFrom != ledger.bestSinceMs() ? ", with transactions pending since " + since : "") + ")";
        scope.fire(fp, null, ledger, countedFrom, builtIn, ledger.best(), nodes);
    }

    /**
     * In {@code pending_transactions} mode: says so plainly when none of the chain's nodes offers pending
     * transactions (Ethereum: {@code txpool.pending} listed unsupported, no {@code pending.source}; Fabric: no
     * {@code fabric.tx.submitted} reading), since the rule could then never fire.
     */
    @Override
    public List<String> notes(ChainStalledRule rule, ChainFacts chain) {
        if (!ChainStalledRule.MODE_PENDING_TRANSACTIONS.equals(rule.mode())) {
            return List.of();
        }
        List<NodeSample> ok = chain.latest().stream().filter(NodeSample::up).toList();
        if (ok.isEmpty()) {
            return List.of("mode pending_transactions: no sample of chain " + chain.chainId() + " has arrived yet,"
                    + " so it is not known whether its nodes offer pending transactions");
        }
        List<String> sources = new ArrayList<>();
        for (NodeSample s : ok) {
            if (s.reading(Readings.TXPOOL_PENDING) != null) {
                sources.add(s.info().getOrDefault(Evaluator.PENDING_SOURCE, "txpool_status"));
            } else if (s.reading(Evaluator.FABRIC_TX_SUBMITTED) != null) {
                sources.add(Evaluator.FABRIC_TX_SUBMITTED);
            }
        }
        if (sources.isEmpty()) {
            return List.of("mode pending_transactions: none of the nodes of chain " + chain.chainId() + " offers"
                    + " pending transactions (no txpool_status, no pending block, no fabric.tx.submitted), so this"
                    + " rule can never fire; use mode always, or add a node that offers them (on Fabric: register"
                    + " the channel's orderer, whose broadcast counts give fabric.tx.submitted)");
        }
        return List.of();
    }

    /** The newest head block timestamp among the answering nodes of the ledger, Long.MIN_VALUE when none shows one. */
    private static long newestHead(ConditionScope scope, List<Series> nodes) {
        long newest = Long.MIN_VALUE;
        for (Series s : nodes) {
            Long head = scope.headTimestampMs(s);
            if (head != null && head > newest) {
                newest = head;
            }
        }
        return newest;
    }

    private static String height(Double h) {
        return h == null ? "unknown" : String.valueOf(h.longValue());
    }
}
