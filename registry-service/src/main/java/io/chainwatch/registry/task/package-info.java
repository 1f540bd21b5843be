/**
 * The task engine. A request becomes a task: a row in {@code registry.task} with its planned steps in
 * {@code registry.task_step}. Steps of one stage run in parallel, stages run in order. Each step's effect and its
 * DONE mark commit in one transaction, so a task resumed after a crash re-runs only unfinished steps. A step may
 * WAIT (approvals); a failing step stops the task and the DONE steps are compensated in reverse order (the
 * registry's data is rolled back). Executions are driven by db-scheduler ({@code registry.scheduled_tasks}): one
 * instance runs a task at a time, a dead instance's task is revived elsewhere by heartbeat. Progress (percent,
 * current step, log) at {@code GET /api/v1/tasks/{id}}. What a task does is a {@link
 * io.chainwatch.registry.task.TaskDefinition} bean. Other packages' recurring jobs (reconciliation) are db-scheduler
 * {@code RecurringTask} beans that the same schedulers run, one instance at a time.
 */
package io.chainwatch.registry.task;
