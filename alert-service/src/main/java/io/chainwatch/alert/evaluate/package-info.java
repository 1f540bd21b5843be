/**
 * Evaluation: {@link io.chainwatch.alert.evaluate.Evaluator} keeps what is known about every node and chain
 * (from the targets and samples topics) and decides, on a timer, which alerts fire or resolve. It is plain
 * Java with an injected clock; {@link io.chainwatch.alert.evaluate.EvaluationService} runs it, records the
 * transitions and wakes the dispatcher.
 */
package io.chainwatch.alert.evaluate;
