/**
 * The alert engine: state and lifecycle, nothing of what a rule type means. {@link io.chainwatch.alert.evaluate.Evaluator}
 * keeps what is known about every node — per node and Fabric channel ({@link io.chainwatch.alert.evaluate.Series}),
 * heights per chain or channel ({@link io.chainwatch.alert.evaluate.Ledger}, counted from the head block's own time)
 * — and the lifecycle of alerts (pending, firing, resolved, restored after a restart, deadlines and their
 * confirmation by an immediate poll), producing {@code lifecycle.Transition}s. The interface rule types implement is
 * here too: a type's {@link io.chainwatch.alert.evaluate.RuleKind} ties its record, its
 * {@link io.chainwatch.alert.evaluate.Condition} (which judges through a
 * {@link io.chainwatch.alert.evaluate.ConditionScope}) and its {@link io.chainwatch.alert.evaluate.RuleTexts}; the
 * engine finds a rule's kind with {@code RuleKind.of(rule)} and names no type. Plain Java with an injected clock;
 * {@code pipeline.EvaluationService} runs it.
 */
package io.chainwatch.alert.evaluate;
