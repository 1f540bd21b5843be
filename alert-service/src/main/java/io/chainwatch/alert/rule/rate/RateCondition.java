package io.chainwatch.alert.rule.rate;

import java.util.List;

import io.chainwatch.alert.evaluate.Condition;
import io.chainwatch.alert.evaluate.ConditionScope;
import io.chainwatch.alert.evaluate.Series;
import io.chainwatch.alert.rule.Comparison;
import io.chainwatch.events.NodeSample;

/**
 * {@code rate}, per chain: over the samples of all its series (nodes' own and Fabric channels) in the last
 * {@code windowSeconds} of poll time, sum(numerator) / sum(denominator), or sum(numerator) per second; holds
 * continuously for forSeconds. No judgement when nothing is there to divide.
 */
public final class RateCondition implements Condition<RateRule> {

    @Override
    public long windowMs(RateRule rule) {
        return rule.windowSeconds() * 1000L;
    }

    @Override
    public void evaluate(RateRule rule, ConditionScope scope) {
        List<Series> all = scope.allSeries();
        long latest = 0;
        for (Series s : all) {
            if (s.last() != null && s.last().up()) {
                latest = Math.max(latest, s.last().polledAtMs());
            }
        }
        if (latest == 0) {
            return;
        }
        long from = latest - rule.windowSeconds() * 1000L;
        double num = 0;
        double den = 0;
        int samples = 0;
        for (Series s : all) {
            for (NodeSample sample : s.window()) {
                if (sample.polledAtMs() > from) {
                    Double n = sample.reading(rule.numerator());
                    Double d = rule.denominator() == null ? null : sample.reading(rule.denominator());
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
        boolean holds = Comparison.holds(value, rule.operator(), rule.value());
        String what = rule.denominator() == null ? rule.numerator() + " per second"
                : rule.numerator() + " / " + rule.denominator();
        List<Series> nodes = scope.nodes(true);
        scope.holds(scope.key(null, null), null, scope.ledger(null), holds, latest,
                () -> "Chain " + scope.chainName(null) + ": " + what + " over " + rule.windowSeconds() + " s = "
                        + ConditionScope.number(value) + (holds ? " " : ", no longer ") + rule.operator() + " "
                        + ConditionScope.number(rule.value()), value, nodes);
    }
}
