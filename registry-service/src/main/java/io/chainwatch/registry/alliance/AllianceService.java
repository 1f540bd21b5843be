package io.chainwatch.registry.alliance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.organization.Organization;
import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.task.StepPlan;
import io.chainwatch.registry.task.Task;
import io.chainwatch.registry.task.TaskEngine;
import io.chainwatch.registry.task.TaskService;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.DuplicateNameException;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads alliances and submits their operations as tasks. Submission checks what can be checked at once (404 for
 * unknown ids, 409 for operations the current state forbids) and writes nothing else than the task; the steps
 * re-check when they run.
 */
@Service
public class AllianceService {

    private final AllianceRepository alliances;
    private final OrganizationRepository organizations;
    private final TaskEngine engine;
    private final AuditLog audit;
    private final JsonMapper json;

    private final org.springframework.jdbc.core.simple.JdbcClient pendingJoins;

    AllianceService(AllianceRepository alliances, OrganizationRepository organizations, TaskEngine engine,
            AuditLog audit, JsonMapper json, org.springframework.jdbc.core.simple.JdbcClient pendingJoins) {
        this.pendingJoins = pendingJoins;
        this.alliances = alliances;
        this.organizations = organizations;
        this.engine = engine;
        this.audit = audit;
        this.json = json;
    }

    @Transactional
    public TaskAccepted create(AllianceRequests.Create request) {
        Organization creator = organization(request.creatorOrgId());
        Set<UUID> invited = new LinkedHashSet<>(request.invitedOrgIds() == null ? List.of() : request.invitedOrgIds());
        if (invited.contains(creator.id())) {
            throw new InvalidRequestException("invitedOrgIds", "must not contain the creator");
        }
        if (organizations.findAllById(invited).stream().filter(o -> !o.deleted()).count() != invited.size()) {
            UUID missing = invited.stream().filter(id -> organizations.findById(id).filter(o -> !o.deleted()).isEmpty())
                    .findFirst().orElseThrow();
            throw new NotFoundException("organization", missing);
        }
        String unionId = request.unionId() == null ? "union-" + UUID.randomUUID() : request.unionId();
        if (alliances.existsByNameOrUnionId(request.name(), unionId)) {
            throw new DuplicateNameException("An alliance named '" + request.name() + "' or with unionId '" + unionId
                    + "' already exists", null);
        }
        UUID allianceId = UUID.randomUUID();
        ObjectNode input = json.createObjectNode()
                .put("allianceId", allianceId.toString())
                .put("unionId", unionId)
                .put("name", request.name())
                .put("platform", request.platform())
                .put("creatorOrgId", creator.id().toString());
        ArrayNode invitedJson = input.putArray("invitedOrgIds");
        invited.forEach(id -> invitedJson.add(id.toString()));
        List<StepPlan> plan = new ArrayList<>();
        plan.add(new StepPlan(0, "create", null));
        invited.forEach(id -> plan.add(new StepPlan(1, "invite", id.toString())));
        invited.forEach(id -> plan.add(new StepPlan(2, "notify", id.toString())));
        plan.add(new StepPlan(3, "execute", null));
        return submitted(engine.submit(AllianceTasks.CREATE, creator.id(), allianceId, input, plan), allianceId);
    }

    /**
     * A join request: every current ACTIVE member must approve. An alliance that is not ACTIVE (being created,
     * deleted) is answered as one that does not exist (404), and an organization has at most one pending join request
     * per alliance (409).
     */
    @Transactional
    public TaskAccepted join(UUID allianceId, UUID orgId) {
        Alliance alliance = alliances.lockById(allianceId).filter(a -> Alliance.ACTIVE.equals(a.status()))
                .orElseThrow(() -> new NotFoundException("alliance", allianceId));
        organization(orgId);
        if (pendingJoins.sql("""
                select count(*) from registry.task where type = :type and org_id = :org and resource_id = :alliance
                   and status in ('PENDING', 'RUNNING', 'WAITING')""")
                .param("type", AllianceTasks.JOIN).param("org", orgId).param("alliance", allianceId)
                .query(Long.class).single() > 0) {
            throw new ConflictException("Organization " + orgId + " already has a pending join request for this"
                    + " alliance: wait for its decision");
        }
        if (alliances.member(allianceId, orgId).isPresent()) {
            throw new ConflictException("Organization " + orgId + " is already a member of (or invited to) alliance '"
                    + alliance.name() + "'");
        }
        List<UUID> approvers = alliances.members(allianceId).stream()
                .filter(m -> Member.ACTIVE.equals(m.status())).map(Member::orgId).toList();
        ObjectNode input = json.createObjectNode()
                .put("allianceId", allianceId.toString())
                .put("orgId", orgId.toString());
        ArrayNode approversJson = input.putArray(TaskService.APPROVERS);
        approvers.forEach(id -> approversJson.add(id.toString()));
        List<StepPlan> plan = new ArrayList<>();
        plan.add(new StepPlan(0, "create", null));
        approvers.forEach(id -> plan.add(new StepPlan(1, "notify", id.toString())));
        plan.add(new StepPlan(2, "approve", null));
        plan.add(new StepPlan(3, "execute", null));
        return submitted(engine.submit(AllianceTasks.JOIN, orgId, allianceId, input, plan), allianceId);
    }

    @Transactional
    public TaskAccepted leave(UUID allianceId, UUID orgId) {
        Alliance alliance = active(allianceId);
        Member member = alliances.member(allianceId, orgId).orElseThrow(() -> new ConflictException(
                "Organization " + orgId + " is not a member of alliance '" + alliance.name() + "'"));
        if (Member.CREATOR.equals(member.role())) {
            throw new ConflictException("The creator cannot leave alliance '" + alliance.name()
                    + "'; it can delete it");
        }
        ObjectNode input = json.createObjectNode()
                .put("allianceId", allianceId.toString())
                .put("allianceName", alliance.name())
                .put("orgId", orgId.toString())
                .put("role", member.role())
                .put("since", member.since().toString());
        List<StepPlan> plan = new ArrayList<>();
        plan.add(new StepPlan(0, "execute", null));
        alliances.members(allianceId).stream().filter(m -> !m.orgId().equals(orgId))
                .forEach(m -> plan.add(new StepPlan(1, "notify", m.orgId().toString())));
        return submitted(engine.submit(AllianceTasks.LEAVE, orgId, allianceId, input, plan), allianceId);
    }

    /** Deletion, by the creator only. */
    @Transactional
    public TaskAccepted delete(UUID allianceId, UUID orgId) {
        Alliance alliance = active(allianceId);
        if (!alliance.creatorOrgId().equals(orgId)) {
            throw new ConflictException("Only the creator of alliance '" + alliance.name() + "' can delete it");
        }
        if (alliances.businessChains(allianceId) > 0) {
            throw new ConflictException("Alliance '" + alliance.name() + "' still has business chains; delete them first");
        }
        ObjectNode input = json.createObjectNode()
                .put("allianceId", allianceId.toString())
                .put("allianceName", alliance.name())
                .put("orgId", orgId.toString());
        List<StepPlan> plan = new ArrayList<>();
        alliances.members(allianceId).stream().filter(m -> !m.orgId().equals(orgId))
                .forEach(m -> plan.add(new StepPlan(0, "notify", m.orgId().toString())));
        plan.add(new StepPlan(1, "execute", null));
        return submitted(engine.submit(AllianceTasks.DELETE, orgId, allianceId, input, plan), allianceId);
    }

    /** An invited organization accepts (becomes an ACTIVE member) or declines (the invitation is removed). */
    @Transactional
    public AllianceResponse answerInvitation(UUID allianceId, UUID orgId, boolean accept) {
        Alliance alliance = active(allianceId);
        Member member = alliances.member(allianceId, orgId)
                .filter(m -> Member.INVITED.equals(m.status()))
                .orElseThrow(() -> new ConflictException("Organization " + orgId + " has no pending invitation to '"
                        + alliance.name() + "'"));
        AllianceResponse before = read(allianceId);
        if (accept) {
            alliances.putMember(allianceId, new Member(orgId, member.role(), Member.ACTIVE, AllianceRepository.now()));
        } else {
            alliances.deleteMember(allianceId, orgId);
        }
        alliances.touch(allianceId);
        AllianceResponse after = read(allianceId);
        audit.record(orgId, accept ? "alliance.invitation.accept" : "alliance.invitation.decline", "alliance",
                allianceId, before, after);
        return after;
    }

    @Transactional(readOnly = true)
    public AllianceResponse read(UUID id) {
        Alliance alliance = alliances.findById(id).orElseThrow(() -> new NotFoundException("alliance", id));
        return AllianceResponse.of(alliance, alliances.members(id));
    }

    @Transactional(readOnly = true)
    public Page<AllianceResponse> list(UUID orgId, String status, String platform, String name, PageRequest page) {
        return alliances.find(new AllianceRepository.Query(orgId, status, platform, name), page)
                .map(a -> AllianceResponse.of(a, alliances.members(a.id())));
    }

    private Alliance active(UUID allianceId) {
        Alliance alliance = alliances.lockById(allianceId)
                .orElseThrow(() -> new NotFoundException("alliance", allianceId));
        if (!Alliance.ACTIVE.equals(alliance.status())) {
            throw new ConflictException("Alliance '" + alliance.name() + "' is " + alliance.status());
        }
        return alliance;
    }

    private Organization organization(UUID id) {
        return organizations.findById(id).filter(o -> !o.deleted())
                .orElseThrow(() -> new NotFoundException("organization", id));
    }

    private static TaskAccepted submitted(Task task, UUID allianceId) {
        return new TaskAccepted(task.id(), task.type(), allianceId);
    }
}
