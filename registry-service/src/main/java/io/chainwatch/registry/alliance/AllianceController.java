package io.chainwatch.registry.alliance;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.web.ETags;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alliances}. Operations answer 202 with {@link TaskAccepted} and {@code Location} of the task;
 * the acting organization is in the body (or {@code ?orgId=} for DELETE) until the gateway supplies it.
 */
@RestController
@RequestMapping("/api/v1/alliances")
class AllianceController {

    private final AllianceService service;
    private final Paging paging;

    AllianceController(AllianceService service, Paging paging) {
        this.service = service;
        this.paging = paging;
    }

    @PostMapping
    ResponseEntity<TaskAccepted> create(@Valid @RequestBody AllianceRequests.Create request) {
        return accepted(service.create(request));
    }

    @GetMapping
    ResponseEntity<List<AllianceResponse>> list(@RequestParam(required = false) UUID orgId,
            @RequestParam(required = false) String status, @RequestParam(required = false) String platform,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        return paging.ok(service.list(orgId, status, platform, name, request), request);
    }

    @GetMapping("/{id}")
    ResponseEntity<AllianceResponse> get(@PathVariable UUID id) {
        AllianceResponse alliance = service.read(id);
        return ResponseEntity.ok().eTag(ETags.of(alliance.version())).body(alliance);
    }

    @PostMapping("/{id}/join-requests")
    ResponseEntity<TaskAccepted> join(@PathVariable UUID id, @Valid @RequestBody AllianceRequests.OrgAction request) {
        return accepted(service.join(id, request.orgId()));
    }

    @PostMapping("/{id}/leave-requests")
    ResponseEntity<TaskAccepted> leave(@PathVariable UUID id, @Valid @RequestBody AllianceRequests.OrgAction request) {
        return accepted(service.leave(id, request.orgId()));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<TaskAccepted> delete(@PathVariable UUID id, @RequestParam UUID orgId) {
        return accepted(service.delete(id, orgId));
    }

    @PostMapping("/{id}/invitations/{orgId}")
    ResponseEntity<AllianceResponse> answerInvitation(@PathVariable UUID id, @PathVariable UUID orgId,
            @Valid @RequestBody AllianceRequests.InvitationAnswer answer) {
        AllianceResponse alliance = service.answerInvitation(id, orgId, answer.accept());
        return ResponseEntity.ok().eTag(ETags.of(alliance.version())).body(alliance);
    }

    private static ResponseEntity<TaskAccepted> accepted(TaskAccepted task) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/tasks/" + task.taskId())).body(task);
    }
}
