package io.chainwatch.registry.task;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import io.chainwatch.registry.RegistryProperties;
import io.chainwatch.registry.web.Actor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Runs tasks (see the package description). db-scheduler owns "which instance runs which task now": one
 * execution per task ({@value #EXECUTION_TASK}, instance id = task id), heartbeats, and reviving the executions of
 * a dead instance. This class owns what a run does: the next stage's steps, in parallel, each in its own
 * transaction; waiting; rollback.
 */
@Service
public class TaskEngine {

    /** db-scheduler task name of task executions. */
    public static final String EXECUTION_TASK = "registry-task";
    static final String SWEEPER_TASK = "registry-task-sweeper";
    static final String TABLE = "registry.scheduled_tasks";

    private static final Logger log = LoggerFactory.getLogger(TaskEngine.class);

    private final TaskRepository tasks;
    private final TransactionTemplate transaction;
    private final Map<String, TaskDefinition> definitions;
    private final RegistryProperties.Tasks settings;
    private final DataSource dataSource;
    private final OneTimeTask<String> executionTask;
    private final RecurringTask<Void> sweeperTask;
    private final SchedulerClient client;
    /** Runs the parallel steps of a stage; created again when a stopped (paused) application context restarts. */
    private volatile ExecutorService steps;
    private final List<RecurringTask<?>> recurring;

    /**
     * @param recurring other services' recurring jobs (e.g. reconciliation): run by the same schedulers, each on
     *                  one instance at a time
     */
    TaskEngine(TaskRepository tasks, TransactionTemplate transaction, List<TaskDefinition> definitions,
            RegistryProperties properties, DataSource dataSource,
            org.springframework.beans.factory.ObjectProvider<RecurringTask<?>> recurring) {
        this.tasks = tasks;
        this.recurring = recurring.orderedStream().toList();
        this.transaction = transaction;
        this.definitions = definitions.stream().collect(Collectors.toMap(TaskDefinition::type, Function.identity()));
        this.settings = properties.tasks();
        // scheduling joins the caller's Spring transaction: the task row and its execution commit together
        this.dataSource = new TransactionAwareDataSourceProxy(dataSource);
        this.executionTask = Tasks.oneTime(EXECUTION_TASK, String.class)
                .onFailureRetryLater()
                .onDeadExecutionRevive()
                .execute((instance, context) -> run(UUID.fromString(instance.getData()),
                        context.getExecution().pickedBy));
        this.sweeperTask = Tasks.recurring(SWEEPER_TASK, FixedDelay.of(settings.sweepInterval()))
                .execute((instance, context) -> sweep());
        this.client = SchedulerClient.Builder.create(this.dataSource, executionTask).tableName(TABLE).build();
        this.steps = newStepExecutor();
    }

    private ExecutorService newStepExecutor() {
        AtomicInteger threads = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(2, settings.threads() * 2), runnable -> {
            Thread thread = new Thread(runnable, "task-step-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The step executor, a new one after {@link #shutdown} (a stopped context that is started again). */
    private synchronized ExecutorService steps() {
        if (steps == null || steps.isShutdown()) {
            steps = newStepExecutor();
        }
        return steps;
    }

    /**
     * A db-scheduler instance that runs this engine's tasks; {@code name} identifies the instance in
     * {@code picked_by}. The service starts one ({@link TaskSchedulerLifecycle}); tests start more.
     */
    public Scheduler newScheduler(String name) {
        List<RecurringTask<?>> startTasks = new ArrayList<>();
        startTasks.add(sweeperTask);
        startTasks.addAll(recurring);
        return Scheduler.create(dataSource, List.of(executionTask))
                .startTasks(startTasks)
                .tableName(TABLE)
                .schedulerName(new SchedulerName.Fixed(name))
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeatsLimit())
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    /**
     * Stores a task and its planned steps and schedules its first run, in the caller's transaction.
     *
     * @param orgId      the organization asking
     * @param resourceId what it works on, if anything
     * @return the stored task
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Task submit(String type, UUID orgId, UUID resourceId, JsonNode input, List<StepPlan> plan) {
        if (!definitions.containsKey(type)) {
            throw new IllegalArgumentException("no task definition for type " + type);
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Task task = new Task(UUID.randomUUID(), type, orgId, Actor.current(), resourceId, TaskStatus.PENDING, input,
                null, null, now, now, null);
        tasks.insert(task, plan);
        tasks.log(task.id(), "INFO", "submitted by " + task.actor() + " with " + plan.size() + " steps");
        wake(task.id());
        return task;
    }

    /** The organizations whose decisions {@code task} waits for now ({@link TaskDefinition#approvers}). */
    Set<UUID> approvers(Task task) {
        TaskDefinition definition = definitions.get(task.type());
        return definition == null ? Set.of() : definition.approvers(task);
    }

    /** Records an organization's decision on a task waiting for approvals and wakes the task. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void decide(UUID taskId, UUID orgId, boolean approve, Set<UUID> approvers) {
        if (!approvers.contains(orgId)) {
            throw new io.chainwatch.registry.web.ConflictException("Organization " + orgId
                    + " is not asked to approve task " + taskId);
        }
        String decision = approve ? "APPROVE" : "REJECT";
        if (!tasks.insertApproval(taskId, orgId, decision, Actor.current())) {
            throw new io.chainwatch.registry.web.ConflictException("Organization " + orgId
                    + " has already decided on task " + taskId);
        }
        tasks.log(taskId, "INFO", "organization " + orgId + " decided " + decision + " (" + Actor.current() + ")");
        wake(taskId);
    }

    /**
     * Schedules a run of the task now unless one is already scheduled or running (the sweeper catches that case).
     * Inside the caller's transaction it runs under a savepoint: when the sweeper or another instance schedules the
     * same execution between db-scheduler's existence check and its insert, the duplicate key must not abort the
     * caller's transaction (an approval would otherwise fail with a 500).
     */
    void wake(UUID taskId) {
        TransactionTemplate nested = new TransactionTemplate(transaction.getTransactionManager());
        nested.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_NESTED);
        try {
            nested.executeWithoutResult(status -> client.scheduleIfNotExists(
                    executionTask.instance(taskId.toString(), taskId.toString()), Instant.now()));
        } catch (RuntimeException e) {
            if (!isDuplicateKey(e)) {
                throw e;
            }
            // scheduled concurrently: exactly what this call wanted
        }
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Schedules every unfinished task that has no execution: waiting tasks re-check their approvals. */
    void sweep() {
        for (UUID id : tasks.openWithoutExecution(EXECUTION_TASK)) {
            wake(id);
        }
    }

    /**
     * One run: stages in order until the task succeeds, waits or fails. Safe to repeat after a crash.
     *
     * @param instance the db-scheduler instance running it, for the task's log
     */
    void run(UUID taskId, String instance) {
        tasks.findById(taskId).filter(task -> task.status() == TaskStatus.PENDING || task.status() == TaskStatus.RUNNING)
                .ifPresent(task -> transaction.executeWithoutResult(status -> tasks.log(taskId, "INFO",
                        (task.status() == TaskStatus.RUNNING ? "resumed" : "run") + " by instance " + instance)));
        while (true) {
            Task task = tasks.findById(taskId).orElse(null);
            if (task == null || task.status().finished()) {
                return;
            }
            TaskDefinition definition = definitions.get(task.type());
            List<Step> all = tasks.steps(taskId);
            if (definition == null) {
                finish(task, TaskStatus.FAILED, null, "no definition for task type " + task.type());
                return;
            }
            if (all.stream().anyMatch(step -> step.status() == StepStatus.FAILED)) {
                rollback(task, definition, all, task.error());
                return;
            }
            List<Step> open = all.stream().filter(step -> step.status() != StepStatus.DONE).toList();
            if (open.isEmpty()) {
                finish(task, TaskStatus.SUCCEEDED, null, null);
                return;
            }
            int stage = open.stream().mapToInt(Step::stage).min().orElseThrow();
            List<Step> current = open.stream().filter(step -> step.stage() == stage).toList();
            List<CompletableFuture<Outcome>> running = new ArrayList<>();
            for (Step step : current) {
                running.add(current.size() == 1 ? CompletableFuture.completedFuture(runStep(task, definition, step))
                        : CompletableFuture.supplyAsync(() -> runStep(task, definition, step), steps()));
            }
            List<Outcome> outcomes = running.stream().map(CompletableFuture::join).toList();
            Outcome failed = outcomes.stream().filter(o -> o.error() != null).findFirst().orElse(null);
            if (failed != null) {
                rollback(task, definition, tasks.steps(taskId), failed.step().name() + " failed: " + failed.error());
                return;
            }
            Outcome waiting = outcomes.stream().filter(o -> o.result() == StepResult.WAIT).findFirst().orElse(null);
            if (waiting != null) {
                transaction.executeWithoutResult(status -> tasks.setStatus(taskId, TaskStatus.WAITING,
                        waiting.step().name(), null));
                return;
            }
        }
    }

    private record Outcome(Step step, StepResult result, String error) {
    }

    private Outcome runStep(Task task, TaskDefinition definition, Step step) {
        String label = step.name() + (step.param() == null ? "" : " " + step.param());
        transaction.executeWithoutResult(status -> {
            tasks.setStep(task.id(), step.seq(), StepStatus.RUNNING);
            tasks.setStatus(task.id(), TaskStatus.RUNNING, step.name(), null);
            if (step.status() != StepStatus.WAITING) {
                tasks.log(task.id(), "INFO", label + ": started" + (step.attempts() > 0 ? " again (resumed)" : ""));
            }
        });
        try {
            StepResult result = transaction.execute(status -> {
                StepResult r = definition.execute(task, step, message -> tasks.log(task.id(), "INFO", label + ": " + message));
                tasks.setStep(task.id(), step.seq(), r == StepResult.DONE ? StepStatus.DONE : StepStatus.WAITING);
                if (r == StepResult.DONE) {
                    tasks.log(task.id(), "INFO", label + ": done");
                }
                return r;
            });
            return new Outcome(step, result, null);
        } catch (RuntimeException e) {
            String error = e instanceof StepFailedException ? e.getMessage() : e.getClass().getSimpleName() + ": "
                    + e.getMessage();
            if (!(e instanceof StepFailedException)) {
                log.warn("task {} step {} failed", task.id(), label, e);
            }
            transaction.executeWithoutResult(status -> {
                tasks.setStep(task.id(), step.seq(), StepStatus.FAILED);
                tasks.setStatus(task.id(), TaskStatus.RUNNING, step.name(), label + " failed: " + error);
                tasks.log(task.id(), "ERROR", label + ": failed: " + error);
            });
            return new Outcome(step, null, error);
        }
    }

    /** Compensates DONE steps, last first, each in its own transaction; then the task is FAILED. */
    private void rollback(Task task, TaskDefinition definition, List<Step> all, String error) {
        List<Step> done = all.stream().filter(step -> step.status() == StepStatus.DONE)
                .sorted(Comparator.comparingInt(Step::seq).reversed()).toList();
        String incomplete = null;
        for (Step step : done) {
            String label = step.name() + (step.param() == null ? "" : " " + step.param());
            try {
                transaction.executeWithoutResult(status -> {
                    definition.compensate(task, step, message -> tasks.log(task.id(), "INFO", label + ": " + message));
                    tasks.setStep(task.id(), step.seq(), StepStatus.COMPENSATED);
                    tasks.log(task.id(), "INFO", label + ": rolled back");
                });
            } catch (RuntimeException e) {
                log.error("task {}: rolling back step {} failed", task.id(), label, e);
                incomplete = label;
                transaction.executeWithoutResult(status -> tasks.log(task.id(), "ERROR", label
                        + ": rollback failed: " + e.getMessage()));
            }
        }
        String message = incomplete == null ? error : error + " (rollback of " + incomplete + " failed)";
        String failedStep = all.stream().filter(step -> step.status() == StepStatus.FAILED).map(Step::name)
                .findFirst().orElse(task.currentStep());
        transaction.executeWithoutResult(tx -> {
            definition.failed(task, message);
            tasks.setStatus(task.id(), TaskStatus.FAILED, failedStep, message);
            tasks.log(task.id(), "ERROR", "failed and rolled back: " + message);
        });
    }

    private void finish(Task task, TaskStatus status, String step, String error) {
        transaction.executeWithoutResult(tx -> {
            tasks.setStatus(task.id(), status, step, error);
            tasks.log(task.id(), status == TaskStatus.SUCCEEDED ? "INFO" : "ERROR", status == TaskStatus.SUCCEEDED
                    ? "succeeded" : "failed and rolled back: " + error);
        });
    }

    /** Stops the step executor (the scheduler was stopped); {@link #steps()} makes a new one if the context restarts. */
    synchronized void shutdown() {
        if (steps != null) {
            steps.shutdownNow();
        }
    }
}
