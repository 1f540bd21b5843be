package io.chainwatch.registry.task;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tasks}: progress, and approvals of tasks that wait for them. */
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
        return service.get(id);
    }

    @GetMapping
    ResponseEntity<List<TaskView.Summary>> list(@RequestParam(required = false) UUID orgId,
            @RequestParam(required = false) String type, @RequestParam(required = false) TaskStatus status,
            @RequestParam(required = false) UUID resourceId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        return paging.ok(service.list(orgId, type, status, resourceId, request), request);
    }

    @PostMapping("/{id}/approvals")
    TaskView decide(@PathVariable UUID id, @Valid @RequestBody DecisionRequest request) {
        return service.decide(id, request.orgId(), request.decision() == DecisionRequest.Decision.APPROVE);
    }
}
