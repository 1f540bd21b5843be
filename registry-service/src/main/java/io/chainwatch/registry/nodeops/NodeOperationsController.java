package io.chainwatch.registry.nodeops;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.node.NodeService;
import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.security.Role;

import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/nodes/{id}/operations/{start|stop|restart}} (operator) → the recorded operation;
 * {@code GET /api/v1/nodes/{id}/operations} → the last 100, newest first; {@code GET|PUT
 * /api/v1/nodes/{id}/auto-restart} {@code {"enabled", "afterSeconds", "maxPerHour"}} (PUT: org admin). The node's
 * organization only (others get 404).
 */
@RestController
@RequestMapping("/api/v1/nodes/{id}")
class NodeOperationsController {

    private final NodeOperationsService service;
    private final NodeOperationsRepository repository;
    private final NodeService nodes;
    private final io.chainwatch.registry.audit.AuditLog audit;
    private final TransactionTemplate transaction;

    NodeOperationsController(NodeOperationsService service, NodeOperationsRepository repository, NodeService nodes,
            io.chainwatch.registry.audit.AuditLog audit, TransactionTemplate transaction) {
        this.service = service;
        this.repository = repository;
        this.nodes = nodes;
        this.audit = audit;
        this.transaction = transaction;
    }

    @PostMapping("/operations/{operation}")
    NodeOperationRecord run(@PathVariable UUID id, @PathVariable String operation) {
        visible(id);
        Access.require(Role.OPERATOR);
        return service.run(id, operation, false, "asked by " + Access.caller().subject());
    }

    @GetMapping("/operations")
    List<NodeOperationRecord> history(@PathVariable UUID id) {
        visible(id);
        return transaction.execute(s -> repository.history(id));
    }

    @GetMapping("/auto-restart")
    AutoRestartPolicy policy(@PathVariable UUID id) {
        visible(id);
        return transaction.execute(s -> repository.policy(id))
                .orElseThrow(() -> new NotFoundException("Node " + id + " has no auto-restart policy"));
    }

    @PutMapping("/auto-restart")
    AutoRestartPolicy putPolicy(@PathVariable UUID id, @Valid @RequestBody AutoRestartPolicy policy) {
        UUID orgId = visible(id);
        Access.require(Role.ORG_ADMIN);
        return transaction.execute(s -> {
            AutoRestartPolicy before = repository.policy(id).orElse(null);
            repository.putPolicy(id, policy);
            audit.record(orgId, "node.auto-restart-policy", "node", id, before, policy);
            return policy;
        });
    }

    private UUID visible(UUID id) {
        UUID orgId = nodes.get(id).orgId();
        Access.visible(orgId, "node", id);
        return orgId;
    }
}
