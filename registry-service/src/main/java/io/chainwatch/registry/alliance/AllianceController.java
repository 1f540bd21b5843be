package io.chainwatch.registry.alliance;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;

import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.ETags;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;
import io.chainwatch.security.ForbiddenException;
import io.chainwatch.security.Role;

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
 * the acting organization is the caller's own (naming another one in the body, {@code ?orgId=} or the path is a
 * 403; a platform admin names it). An alliance is visible to its members, invited ones included (others get 404);
 * operations need an org admin.
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
        Access.require(Role.ORG_ADMIN);
        Access.actingOrg("creatorOrgId", request.creatorOrgId());
        return accepted(service.create(request));
    }

    @GetMapping
    ResponseEntity<List<AllianceResponse>> list(@RequestParam(required = false) UUID orgId,
            @RequestParam(required = false) String status, @RequestParam(required = false) String platform,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        if (status != null && !java.util.List.of(Alliance.CREATING, Alliance.ACTIVE, Alliance.DELETED).contains(status)) {
            throw new io.chainwatch.registry.web.InvalidRequestException("status", "must be one of CREATING, ACTIVE,"
                    + " DELETED");
        }
        PageRequest request = paging.request(page, size);
        return paging.ok(service.list(Access.caller().listScope(orgId), status, platform, name, request), request);
    }

    @GetMapping("/{id}")
    ResponseEntity<AllianceResponse> get(@PathVariable UUID id) {
        AllianceResponse alliance = visible(id);
        return ResponseEntity.ok().eTag(ETags.of(alliance.version())).body(alliance);
    }

    @PostMapping("/{id}/join-requests")
    ResponseEntity<TaskAccepted> join(@PathVariable UUID id, @Valid @RequestBody AllianceRequests.OrgAction request) {
        Access.require(Role.ORG_ADMIN);
        return accepted(service.join(id, Access.actingOrg("orgId", request.orgId())));
    }

    @PostMapping("/{id}/leave-requests")
    ResponseEntity<TaskAccepted> leave(@PathVariable UUID id, @Valid @RequestBody AllianceRequests.OrgAction request) {
        visible(id);
        Access.require(Role.ORG_ADMIN);
        return accepted(service.leave(id, Access.actingOrg("orgId", request.orgId())));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<TaskAccepted> delete(@PathVariable UUID id, @RequestParam(required = false) UUID orgId) {
        AllianceResponse alliance = visible(id);
        Access.require(Role.ORG_ADMIN);
        UUID acting = Access.actingOrg("orgId", orgId);
        if (!Access.caller().isPlatformAdmin() && !acting.equals(alliance.creatorOrgId())) {
            throw new ForbiddenException("Only the creator of alliance '" + alliance.name() + "' can delete it.");
        }
        return accepted(service.delete(id, acting));
    }

    @PostMapping("/{id}/invitations/{orgId}")
    ResponseEntity<AllianceResponse> answerInvitation(@PathVariable UUID id, @PathVariable UUID orgId,
            @Valid @RequestBody AllianceRequests.InvitationAnswer answer) {
        visible(id);
        Access.require(Role.ORG_ADMIN);
        AllianceResponse alliance = service.answerInvitation(id, Access.actingOrg("orgId", orgId), answer.accept());
        return ResponseEntity.ok().eTag(ETags.of(alliance.version())).body(alliance);
    }

    /** The alliance; 404 unless the caller's organization is a member (or invited), as for a missing one. */
    private AllianceResponse visible(UUID id) {
        AllianceResponse alliance = service.read(id);
        Access.visibleToAny(alliance.members().stream().map(Member::orgId).toList(), "alliance", id);
        return alliance;
    }

    private static ResponseEntity<TaskAccepted> accepted(TaskAccepted task) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/tasks/" + task.taskId())).body(task);
    }
}
