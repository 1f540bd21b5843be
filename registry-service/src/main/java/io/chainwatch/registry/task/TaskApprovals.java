package io.chainwatch.registry.task;

import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** Reads the decisions on a task, for the step that waits for them. */
@Component
public class TaskApprovals {

    private final TaskRepository tasks;

    TaskApprovals(TaskRepository tasks) {
        this.tasks = tasks;
    }

    /** Organization → {@code APPROVE} or {@code REJECT}. */
    public Map<UUID, String> decisions(UUID taskId) {
        return tasks.approvals(taskId);
    }
}
