package io.chainwatch.registry.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit}: the entries of every service (registry, alert, CDC; refused and failed calls included),
 * newest first, filtered by actor, action, resource, service, outcome and time range ({@code from} inclusive,
 * {@code to} exclusive, ISO-8601), paged; a caller sees its own organization's entries only, a platform admin all.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final AuditLog audit;
    private final Paging paging;

    AuditController(AuditLog audit, Paging paging) {
        this.audit = audit;
        this.paging = paging;
    }

    @GetMapping
    ResponseEntity<List<AuditEntry>> list(@RequestParam(required = false) UUID orgId,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
            @RequestParam(required = false) String resourceType, @RequestParam(required = false) String resourceId,
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
            @RequestParam(required = false) String service, @RequestParam(required = false) String outcome,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        UUID scope = Access.caller().listScope(orgId);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new io.chainwatch.registry.web.InvalidRequestException("from", "must be before to");
        }
        return paging.ok(audit.find(new AuditLog.Query(scope, actor, action, resourceType, resourceId, from, to,
                service, outcome), request), request);
    }
}
