/**
 * The alert engine: state and lifecycle, nothing of what a rule type means. {@link io.chainwatch.alert.evaluate.Evaluator}
 * keeps what is known about every node — per node and Fabric channel ({@link io.chainwatch.alert.evaluate.Series}),
 * heights per chain or channel ({@link io.chainwatch.alert.evaluate.Ledger}, counted from the head block's own time)
 * — and the lifecycle of alerts (pending, firing, resolved, restored after a restart, deadlines and their
 * confirmation by an immediate poll). Each rule type's {@link io.chainwatch.alert.evaluate.Condition} (in
 * {@code rule/<type>/}) judges through a {@link io.chainwatch.alert.evaluate.ConditionScope}. Plain Java with an
 * injected clock; {@link io.chainwatch.alert.evaluate.EvaluationService} runs it on sample arrival and at deadlines,
 * records the transitions, then wakes the dispatcher (the one way into {@code notify}) and publishes poll requests.
 */
package io.chainwatch.alert.evaluate;
