package io.chainwatch.registry.platform;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.ETags;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;
import io.chainwatch.security.Role;
import io.chainwatch.security.UrlGuard;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/v1/platforms}: registration (a task), reads, and standard operations through the template. A caller
 * sees its own organization's platforms (others get 404); registering needs an org admin, operations an operator.
 * The base URL must point to an address range the {@link UrlGuard} allows.
 */
@RestController
@RequestMapping("/api/v1/platforms")
class PlatformController {

    private final PlatformService service;
    private final UrlGuard urls;
    private final Paging paging;

    PlatformController(PlatformService service, UrlGuard urls, Paging paging) {
        this.service = service;
        this.urls = urls;
        this.paging = paging;
    }

    @PostMapping
    ResponseEntity<PlatformService.Submitted> register(@Valid @RequestBody PlatformRequests.Register request) {
        Access.require(Role.ORG_ADMIN).owningOrg(request.orgId());
        urls.check("baseUrl", request.baseUrl(), java.util.Set.of("http", "https"));
        PlatformService.Submitted submitted = service.register(request);
        return ResponseEntity.accepted().location(URI.create("/api/v1/tasks/" + submitted.taskId())).body(submitted);
    }

    @GetMapping
    ResponseEntity<List<PlatformResponse>> list(@RequestParam(required = false) UUID orgId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        if (status != null && !java.util.List.of("REGISTERING", Platform.ACTIVE, "REJECTED").contains(status)) {
            throw new io.chainwatch.registry.web.InvalidRequestException("status", "must be one of REGISTERING,"
                    + " ACTIVE, REJECTED");
        }
        PageRequest request = paging.request(page, size);
        return paging.ok(service.list(Access.caller().listScope(orgId), status, request), request);
    }

    @GetMapping("/{id}")
    ResponseEntity<PlatformResponse> get(@PathVariable UUID id) {
        PlatformResponse platform = visible(id);
        return ResponseEntity.ok().eTag(ETags.of(platform.version())).body(platform);
    }

    /** Body {@code {"inputs": {...}}}; answers {@code {"operation", "result": {...}, "platformTaskId"?}}. */
    @PostMapping("/{id}/operations/{operation}")
    ObjectNode invoke(@PathVariable UUID id, @PathVariable String operation,
            @RequestBody(required = false) PlatformRequests.Invoke request) {
        visible(id);
        Access.require(Role.OPERATOR);
        return service.invoke(id, operation, request == null ? null : request.inputs());
    }

    /** The platform; 404 when it belongs to another organization than the caller's, as for a missing one. */
    private PlatformResponse visible(UUID id) {
        PlatformResponse platform = service.read(id);
        Access.visible(platform.orgId(), "platform", id);
        return platform;
    }
}
