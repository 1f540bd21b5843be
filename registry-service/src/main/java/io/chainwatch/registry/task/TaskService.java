package io.chainwatch.registry.task;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Progress of tasks and decisions on tasks that wait for approvals. */
@Service
public class TaskService {

    /** Input field of a task that lists the organizations whose approval it waits for. */
    public static final String APPROVERS = "approvers";

    /** The organizations asked to approve {@code task} when it was submitted ({@link #APPROVERS}); empty: none. */
    public static Set<UUID> asked(Task task) {
        Set<UUID> asked = new LinkedHashSet<>();
        task.input().path(APPROVERS).valueStream().forEach(v -> asked.add(UUID.fromString(v.asString())));
        return asked;
    }

    private final TaskRepository tasks;
    private final TaskEngine engine;
    private final AuditLog audit;

    TaskService(TaskRepository tasks, TaskEngine engine, AuditLog audit) {
        this.tasks = tasks;
        this.engine = engine;
        this.audit = audit;
    }

    /**
     * The task with its progress. Task and steps are read from one snapshot, and while the task runs its current
     * step is taken from the steps themselves (the one running or waiting, else the next to run), so percent and
     * current step never contradict each other between two steps.
     */
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public TaskView get(UUID id) {
        Task task = tasks.findById(id).orElseThrow(() -> new NotFoundException("task", id));
        List<Step> steps = tasks.steps(id);
        long done = steps.stream().filter(step -> step.status() == StepStatus.DONE).count();
        int percent = steps.isEmpty() ? 100 : (int) (100 * done / steps.size());
        if (task.status() == TaskStatus.SUCCEEDED) {
            percent = 100;
        }
        String currentStep = task.currentStep();
        if (task.status() == TaskStatus.RUNNING || task.status() == TaskStatus.WAITING) {
            currentStep = steps.stream()
                    .filter(step -> step.status() == StepStatus.RUNNING || step.status() == StepStatus.WAITING)
                    .map(Step::name).findFirst()
                    .or(() -> steps.stream().filter(step -> step.status() != StepStatus.DONE).map(Step::name).findFirst())
                    .orElse(task.currentStep());
        }
        List<TaskView.Approval> approvals = tasks.approvals(id).entrySet().stream()
                .map(e -> new TaskView.Approval(e.getKey(), e.getValue()))
                .sorted(java.util.Comparator.comparing(a -> a.orgId().toString()))
                .toList();
        return new TaskView(task.id(), task.type(), task.orgId(), task.actor(), task.resourceId(), task.status(),
                percent, currentStep, task.error(), task.input(),
                steps.stream().map(s -> new TaskView.StepView(s.seq(), s.stage(), s.name(), s.param(), s.status(),
                        s.attempts())).toList(),
                approvals, tasks.logLines(id), task.createdAt(), task.updatedAt(), task.finishedAt());
    }

    @Transactional(readOnly = true)
    public Page<TaskView.Summary> list(UUID orgId, String type, TaskStatus status, UUID resourceId, PageRequest page) {
        return tasks.find(new TaskRepository.Query(orgId, type, status, resourceId), page)
                .map(t -> new TaskView.Summary(t.id(), t.type(), t.orgId(), t.actor(), t.resourceId(), t.status(),
                        t.currentStep(), t.error(), t.createdAt(), t.updatedAt(), t.finishedAt()));
    }

    /** An approver's decision on a task that waits for approvals. */
    @Transactional
    public TaskView decide(UUID id, UUID orgId, boolean approve) {
        Task task = tasks.lockById(id).orElseThrow(() -> new NotFoundException("task", id));
        if (task.status().finished()) {
            throw new ConflictException("Task " + id + " is already " + task.status());
        }
        Set<UUID> asked = asked(task);
        if (asked.isEmpty()) {
            throw new ConflictException("Task " + id + " (" + task.type() + ") does not wait for approvals");
        }
        Set<UUID> approvers = engine.approvers(task);
        if (asked.contains(orgId) && !approvers.contains(orgId)) {
            throw new ConflictException("Organization " + orgId + " no longer decides on task " + id
                    + ": it was asked, and is no longer a member");
        }
        engine.decide(id, orgId, approve, approvers);
        audit.record(orgId, approve ? "task.approve" : "task.reject", "task", id, null,
                Map.of("taskId", id, "orgId", orgId, "decision", approve ? "APPROVE" : "REJECT"));
        return get(id);
    }
}
