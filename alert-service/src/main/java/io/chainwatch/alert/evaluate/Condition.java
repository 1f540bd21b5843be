package io.chainwatch.alert.evaluate;

import java.util.List;

import io.chainwatch.alert.rule.Rule;

/**
 * The condition of one rule type: what it looks at and when it holds. The engine ({@link Evaluator}) calls
 * {@link #evaluate} for each rule of the type and each chain the rule covers; the condition reads the engine's state
 * through the {@link ConditionScope} and reports through it what holds, what fires and what resolves. It keeps no
 * state of its own: since-when, firing alerts, pending conditions and deadlines are the engine's.
 *
 * @param <R> the rule record of the type
 */
public interface Condition<R extends Rule> {

    /** Judges {@code rule} on the scope's chain, reporting through the scope. */
    void evaluate(R rule, ConditionScope scope);

    /** How much sample history per series the rule needs (ms); 0 = only the latest sample. */
    default long windowMs(R rule) {
        return 0;
    }

    /**
     * Plain-language notes about the rule on a chain, for validation warnings and dry runs (e.g. "none of the
     * chain's nodes offers pending transactions"); empty when there is nothing to say.
     */
    default List<String> notes(R rule, ChainFacts chain) {
        return List.of();
    }
}
