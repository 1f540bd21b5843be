package io.chainwatch.alert.rule.lagging;

import java.util.List;

import io.chainwatch.alert.evaluate.Condition;
import io.chainwatch.alert.evaluate.ConditionScope;
import io.chainwatch.alert.evaluate.Ledger;
import io.chainwatch.alert.evaluate.Series;

/**
 * {@code lagging}, per registered node and ledger (the chain; each Fabric channel): a currently answering node whose
 * height is more than {@code blocks} below the ledger's best, continuously for forSeconds of poll time; resolves when
 * it is within {@code blocks}. A silent node is the unreachable rule's business.
 */
public final class LaggingCondition implements Condition<LaggingRule> {

    @Override
    public void evaluate(LaggingRule rule, ConditionScope scope) {
        for (Ledger ledger : scope.ledgers()) {
            if (ledger.best() == null) {
                continue;
            }
            double best = ledger.best();
            for (Series s : scope.series(ledger, true)) {
                if (!s.registered() || !scope.answering(s) || s.height() == null) {
                    continue;
                }
                double behind = best - s.height();
                boolean holds = behind > rule.blocks();
                scope.holds(scope.key(s, s.channel()), s, ledger, holds, s.last().polledAtMs(), () -> holds
                        ? who(s) + " is " + (long) behind + " blocks behind the chain's best (" + (long) best
                                + "), more than " + rule.blocks()
                        : who(s) + " is back within " + rule.blocks() + " blocks of the chain's best ("
                                + (long) behind + " behind)", behind, List.of(s));
            }
        }
    }

    private static String who(Series s) {
        return "Node " + s.name() + (s.channel() == null ? "" : " channel " + s.channel());
    }
}
