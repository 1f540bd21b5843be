/**
 * The alert pipeline of this instance: {@link io.chainwatch.alert.pipeline.EvaluationService} runs the engine
 * ({@code evaluate.Evaluator}) on samples as they arrive (from {@code ingest}) and at deadlines, records the
 * transitions ({@code lifecycle.TransitionRecorder}), then wakes the dispatcher (the one way into {@code notify}) and
 * publishes poll requests; {@link io.chainwatch.alert.pipeline.EvaluationSchedule} holds its timers.
 */
package io.chainwatch.alert.pipeline;
