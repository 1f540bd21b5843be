package io.chainwatch.registry.task;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;
import io.chainwatch.security.Role;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/tasks}: progress, and approvals of tasks that wait for them. A task is visible to the organization
 * that submitted it and to the ones whose approval it waits for (others get 404); deciding needs an org admin of the
 * deciding organization, which is the caller's own.
 */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskController {

    private final TaskService service;
    private final Paging paging;

    TaskController(TaskService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @GetMapping("/{id}")
    TaskView get(@PathVariable UUID id) {
        return forCaller(visible(id));
    }

    /**
     * The task as the caller may see it: an organization that submitted a task others approve (a join request) does
     * not learn who they are — the approvers, the organizations of the notify steps and of the decisions are left
     * out — unless it is one of them; a platform admin sees everything.
     */
    private static TaskView forCaller(TaskView task) {
        io.chainwatch.security.Caller caller = Access.caller();
        java.util.Set<String> approvers = new java.util.HashSet<>();
        task.input().path(TaskService.APPROVERS).valueStream().forEach(a -> approvers.add(a.asString()));
        if (approvers.isEmpty() || caller.isPlatformAdmin()
                || (caller.orgId() != null && approvers.contains(caller.orgId().toString()))) {
            return task;
        }
        tools.jackson.databind.JsonNode input = task.input().deepCopy();
        if (input instanceof tools.jackson.databind.node.ObjectNode object) {
            object.remove(TaskService.APPROVERS);
        }
        List<TaskView.StepView> steps = task.steps().stream()
                .map(s -> approvers.contains(String.valueOf(s.param()))
                        ? new TaskView.StepView(s.seq(), s.stage(), s.name(), null, s.status(), s.attempts()) : s)
                .toList();
        List<TaskView.Approval> approvals = task.approvals().stream()
                .map(a -> new TaskView.Approval(null, a.decision())).toList();
        return new TaskView(task.id(), task.type(), task.orgId(), task.actor(), task.resourceId(), task.status(),
                task.percent(), task.currentStep(), task.error(), input, steps, approvals, List.of(),
                task.createdAt(), task.updatedAt(), task.finishedAt());
    }

    @GetMapping
    ResponseEntity<List<TaskView.Summary>> list(@RequestParam(required = false) UUID orgId,
            @RequestParam(required = false) String type, @RequestParam(required = false) TaskStatus status,
            @RequestParam(required = false) UUID resourceId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        return paging.ok(service.list(Access.caller().listScope(orgId), type, status, resourceId, request), request);
    }

    @PostMapping("/{id}/approvals")
    TaskView decide(@PathVariable UUID id, @Valid @RequestBody DecisionRequest request) {
        visible(id);
        Access.require(Role.ORG_ADMIN);
        UUID deciding = Access.actingOrg("orgId", request.orgId());
        return forCaller(service.decide(id, deciding, request.decision() == DecisionRequest.Decision.APPROVE));
    }

    /** The task; 404 unless the caller's organization submitted it or is asked to approve it. */
    private TaskView visible(UUID id) {
        TaskView task = service.get(id);
        List<UUID> involved = new java.util.ArrayList<>();
        involved.add(task.orgId());
        task.input().path(TaskService.APPROVERS).valueStream()
                .forEach(approver -> involved.add(UUID.fromString(approver.asString())));
        Access.visibleToAny(involved, "task", id);
        return task;
    }
}
