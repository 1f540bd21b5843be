package io.chainwatch.alert.rule.threshold;

import java.util.List;

import io.chainwatch.alert.evaluate.Condition;
import io.chainwatch.alert.evaluate.ConditionScope;
import io.chainwatch.alert.evaluate.Series;
import io.chainwatch.alert.rule.Comparison;

/**
 * {@code threshold}, per series — a node's own readings (Ethereum readings; a Fabric peer's {@code metric.*},
 * {@code health.ok}, {@code metrics.scrape.ok}) and each Fabric channel of it: {@code reading op value} holds on its OK
 * samples continuously for forSeconds of poll time; resolves on a sample where it does not hold. A series whose
 * latest sample lacks the reading is left as it is. Every source of samples counts, also one that is not a
 * registered node (a database table read by change-data-capture).
 */
public final class ThresholdCondition implements Condition<ThresholdRule> {

    @Override
    public void evaluate(ThresholdRule rule, ConditionScope scope) {
        for (Series s : scope.allSeries()) {
            if (s.last() == null || !s.last().up()) {
                continue;
            }
            Double value = s.last().reading(rule.reading());
            if (value == null) {
                continue; // the reading is not there: nothing new is known
            }
            String fp = scope.key(s, s.channel());
            boolean holds = Comparison.holds(value, rule.operator(), rule.value());
            scope.holds(fp, s, null, holds, s.last().polledAtMs(),
                    () -> "Node " + s.name() + (s.channel() == null ? "" : " channel " + s.channel()) + ": " + rule.reading() + " = " + ConditionScope.number(value)
                            + (holds ? " " : ", no longer ") + rule.operator() + " "
                            + ConditionScope.number(rule.value()),
                    value, List.of(s));
        }
    }
}
