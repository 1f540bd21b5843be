package io.chainwatch.registry.reconciliation;

import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.platform.PlatformOperations;
import io.chainwatch.registry.platform.PlatformResponse;
import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;
import io.chainwatch.security.Role;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/platforms/{id}/reconciliation}: the platform's reconciliation runs, newest first, with their
 * differences (GET, paged); a run now (POST, an operator; answers the run). Only the platform's organization sees
 * them (others get 404, as for a missing platform).
 */
@RestController
@RequestMapping("/api/v1/platforms/{id}/reconciliation")
class ReconciliationController {

    private final Reconciler reconciler;
    private final ReconciliationRepository runs;
    private final PlatformOperations platforms;
    private final Paging paging;

    ReconciliationController(Reconciler reconciler, ReconciliationRepository runs, PlatformOperations platforms,
            Paging paging) {
        this.reconciler = reconciler;
        this.runs = runs;
        this.platforms = platforms;
        this.paging = paging;
    }

    @GetMapping
    @Transactional(readOnly = true)
    ResponseEntity<List<ReconciliationRun>> list(@PathVariable UUID id, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        visible(id);
        PageRequest request = paging.request(page, size);
        return paging.ok(runs.find(id, request), request);
    }

    @PostMapping
    ReconciliationRun run(@PathVariable UUID id) {
        visible(id);
        Access.require(Role.OPERATOR);
        return reconciler.reconcile(id, "REQUEST");
    }

    private void visible(UUID id) {
        PlatformResponse platform = platforms.read(id);
        Access.visible(platform.orgId(), "platform", id);
    }
}
