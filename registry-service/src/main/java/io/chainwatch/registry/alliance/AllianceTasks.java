package io.chainwatch.registry.alliance;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.notification.Notifications;
import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.task.Step;
import io.chainwatch.registry.task.StepFailedException;
import io.chainwatch.registry.task.StepResult;
import io.chainwatch.registry.task.Task;
import io.chainwatch.registry.task.TaskDefinition;
import io.chainwatch.registry.task.TaskApprovals;
import io.chainwatch.registry.task.TaskLog;
import io.chainwatch.registry.task.TaskService;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * The alliance operations as task definitions. Step names follow the vocabulary: create, invite, notify,
 * approve, execute. Each step re-checks what it relies on (the registry may have changed since submission) and
 * audits what it writes in the submitter's name; compensation undoes it.
 */
final class AllianceTasks {

    static final String CREATE = "alliance.create";
    static final String JOIN = "alliance.join";
    static final String LEAVE = "alliance.leave";
    static final String DELETE = "alliance.delete";

    private AllianceTasks() {
    }

    /** Shared by the definitions. */
    abstract static class Base implements TaskDefinition {

        final AllianceRepository alliances;
        final OrganizationRepository organizations;
        final Notifications notifications;
        final AuditLog audit;

        Base(AllianceRepository alliances, OrganizationRepository organizations, Notifications notifications,
                AuditLog audit) {
            this.alliances = alliances;
            this.organizations = organizations;
            this.notifications = notifications;
            this.audit = audit;
        }

        static UUID uuid(Task task, String field) {
            return UUID.fromString(task.input().path(field).asString());
        }

        Alliance alliance(Task task) {
            UUID id = uuid(task, "allianceId");
            return alliances.lockById(id).orElseThrow(() -> new StepFailedException("alliance " + id + " no longer exists"));
        }

        String orgName(UUID orgId) {
            return organizations.findById(orgId).map(o -> o.name()).orElse(orgId.toString());
        }

        AllianceResponse view(UUID allianceId) {
            return alliances.findById(allianceId).map(a -> AllianceResponse.of(a, alliances.members(allianceId)))
                    .orElse(null);
        }

        /** Audits a membership or status change of the alliance, before → after. */
        void audited(Task task, String action, UUID allianceId, AllianceResponse before) {
            audit.record(task.actor(), task.orgId(), action, "alliance", allianceId, before, view(allianceId));
        }
    }

    /** create → invite (parallel, one per invited organization) → notify (parallel) → execute (activate). */
    @Component
    static class Create extends Base {

        Create(AllianceRepository alliances, OrganizationRepository organizations, Notifications notifications,
                AuditLog audit) {
            super(alliances, organizations, notifications, audit);
        }

        @Override
        public String type() {
            return CREATE;
        }

        @Override
        public StepResult execute(Task task, Step step, TaskLog log) {
            UUID allianceId = uuid(task, "allianceId");
            switch (step.name()) {
                case "create" -> {
                    UUID creator = uuid(task, "creatorOrgId");
                    Alliance alliance = new Alliance(allianceId, task.input().path("unionId").asString(),
                            task.input().path("name").asString(), task.input().path("platform").asString(), creator,
                            Alliance.CREATING, AllianceRepository.now(), null, 1);
                    try {
                        alliances.insert(alliance);
                    } catch (DuplicateKeyException e) {
                        throw new StepFailedException("an alliance named '" + alliance.name() + "' or with unionId '"
                                + alliance.unionId() + "' already exists");
                    }
                    alliances.putMember(allianceId, new Member(creator, Member.CREATOR, Member.ACTIVE,
                            AllianceRepository.now()));
                    audited(task, "alliance.create", allianceId, null);
                    log.info("alliance '" + alliance.name() + "' created by " + orgName(creator));
                }
                case "invite" -> {
                    UUID orgId = UUID.fromString(step.param());
                    AllianceResponse before = view(allianceId);
                    alliances.putMember(allianceId, new Member(orgId, Member.MEMBER, Member.INVITED,
                            AllianceRepository.now()));
                    audited(task, "alliance.invite", allianceId, before);
                    log.info(orgName(orgId) + " invited");
                }
                case "notify" -> {
                    UUID orgId = UUID.fromString(step.param());
                    String name = task.input().path("name").asString();
                    notifications.add(orgId, "ALLIANCE_INVITATION", task.id(), allianceId,
                            "Invitation to join the alliance " + name,
                            orgName(uuid(task, "creatorOrgId")) + " invites " + orgName(orgId) + " to the alliance '"
                                    + name + "'. Accept or decline with POST /api/v1/alliances/" + allianceId
                                    + "/invitations/" + orgId + " {\"accept\": true|false}.");
                    log.info("invitation notice queued for " + orgName(orgId));
                }
                case "execute" -> {
                    AllianceResponse before = view(allianceId);
                    alliance(task);
                    alliances.setStatus(allianceId, Alliance.ACTIVE);
                    audited(task, "alliance.activate", allianceId, before);
                    log.info("alliance is active");
                }
                default -> throw new IllegalStateException("unknown step " + step.name());
            }
            return StepResult.DONE;
        }

        @Override
        public void compensate(Task task, Step step, TaskLog log) {
            UUID allianceId = uuid(task, "allianceId");
            AllianceResponse before = view(allianceId);
            switch (step.name()) {
                case "create" -> {
                    alliances.delete(allianceId);
                    audit.record(task.actor(), task.orgId(), "alliance.create.rollback", "alliance", allianceId, before,
                            null);
                }
                case "invite" -> {
                    alliances.deleteMember(allianceId, UUID.fromString(step.param()));
                    audited(task, "alliance.invite.rollback", allianceId, before);
                }
                case "notify" -> notifications.withdraw(task.id(), UUID.fromString(step.param()));
                case "execute" -> {
                    alliances.setStatus(allianceId, Alliance.CREATING);
                    audited(task, "alliance.activate.rollback", allianceId, before);
                }
                default -> throw new IllegalStateException("unknown step " + step.name());
            }
        }
    }

    /**
     * create (check) → notify every current member (parallel) → approve (waits until every one approved; one
     * rejection fails the task) → execute (admit the organization).
     */
    @Component
    static class Join extends Base {

        private final TaskApprovals approvals;

        Join(AllianceRepository alliances, OrganizationRepository organizations, Notifications notifications,
                AuditLog audit, TaskApprovals approvals) {
            super(alliances, organizations, notifications, audit);
            this.approvals = approvals;
        }

        @Override
        public String type() {
            return JOIN;
        }

        @Override
        public StepResult execute(Task task, Step step, TaskLog log) {
            UUID orgId = uuid(task, "orgId");
            switch (step.name()) {
                case "create" -> {
                    Alliance alliance = alliance(task);
                    if (!Alliance.ACTIVE.equals(alliance.status())) {
                        throw new StepFailedException("alliance '" + alliance.name() + "' is " + alliance.status());
                    }
                    if (alliances.member(alliance.id(), orgId).isPresent()) {
                        throw new StepFailedException(orgName(orgId) + " is already a member or invited");
                    }
                    log.info("join request of " + orgName(orgId) + " to '" + alliance.name() + "' recorded");
                }
                case "notify" -> {
                    UUID approver = UUID.fromString(step.param());
                    Alliance alliance = alliance(task);
                    notifications.add(approver, "JOIN_APPROVAL_REQUESTED", task.id(), alliance.id(),
                            "Approval needed: " + orgName(orgId) + " asks to join " + alliance.name(),
                            orgName(orgId) + " asks to join the alliance '" + alliance.name() + "'. Every member must "
                                    + "approve. Decide with POST /api/v1/tasks/" + task.id()
                                    + "/approvals {\"orgId\": \"" + approver + "\", \"decision\": \"APPROVE\"|\"REJECT\"}.");
                    log.info("approval request queued for " + orgName(approver));
                }
                case "approve" -> {
                    Set<UUID> asked = TaskService.asked(task);
                    Set<UUID> approvers = approvers(task);
                    Map<UUID, String> decisions = approvals.decisions(task.id());
                    for (UUID approver : approvers) {
                        if ("REJECT".equals(decisions.get(approver))) {
                            throw new StepFailedException("rejected by " + orgName(approver));
                        }
                    }
                    long approved = approvers.stream().filter(a -> "APPROVE".equals(decisions.get(a))).count();
                    if (approved < approvers.size()) {
                        return StepResult.WAIT;
                    }
                    log.info("approved by all " + approvers.size() + " members" + (approvers.size() < asked.size()
                            ? " (" + (asked.size() - approvers.size()) + " of those asked left the alliance since)"
                            : ""));
                }
                case "execute" -> {
                    Alliance alliance = alliance(task);
                    if (!Alliance.ACTIVE.equals(alliance.status())) {
                        throw new StepFailedException("alliance '" + alliance.name() + "' is " + alliance.status());
                    }
                    AllianceResponse before = view(alliance.id());
                    alliances.putMember(alliance.id(), new Member(orgId, Member.MEMBER, Member.ACTIVE,
                            AllianceRepository.now()));
                    alliances.touch(alliance.id());
                    audited(task, "alliance.join", alliance.id(), before);
                    notifications.add(orgId, "JOIN_APPROVED", task.id(), alliance.id(),
                            "Welcome to the alliance " + alliance.name(),
                            "Every member approved: " + orgName(orgId) + " is now a member of the alliance '"
                                    + alliance.name() + "' (task " + task.id() + ").");
                    log.info(orgName(orgId) + " is now a member");
                }
                default -> throw new IllegalStateException("unknown step " + step.name());
            }
            return StepResult.DONE;
        }

        /**
         * The members asked when the request was made, less those that have left the alliance or were deleted since:
         * a departed member neither holds the request up nor decides it.
         */
        @Override
        public Set<UUID> approvers(Task task) {
            Set<UUID> active = alliances.members(uuid(task, "allianceId")).stream()
                    .filter(m -> Member.ACTIVE.equals(m.status())).map(Member::orgId)
                    .collect(java.util.stream.Collectors.toSet());
            Set<UUID> approvers = TaskService.asked(task);
            approvers.retainAll(active);
            return approvers;
        }

        @Override
        public void compensate(Task task, Step step, TaskLog log) {
            UUID allianceId = uuid(task, "allianceId");
            switch (step.name()) {
                case "create", "approve" -> {
                    // nothing written
                }
                case "notify" -> notifications.withdraw(task.id(), UUID.fromString(step.param()));
                case "execute" -> {
                    AllianceResponse before = view(allianceId);
                    alliances.deleteMember(allianceId, uuid(task, "orgId"));
                    alliances.touch(allianceId);
                    audited(task, "alliance.join.rollback", allianceId, before);
                }
                default -> throw new IllegalStateException("unknown step " + step.name());
            }
        }

        /** The applicant hears that it was not admitted, and why (a member's rejection, or what failed). */
        @Override
        public void failed(Task task, String error) {
            UUID orgId = uuid(task, "orgId");
            UUID allianceId = uuid(task, "allianceId");
            String name = alliances.findById(allianceId).map(Alliance::name).orElse(allianceId.toString());
            boolean rejected = error != null && error.contains("rejected by");
            notifications.add(orgId, rejected ? "JOIN_REJECTED" : "JOIN_FAILED", task.id(), allianceId,
                    (rejected ? "Join request rejected: " : "Join request failed: ") + name,
                    orgName(orgId) + " was not admitted to the alliance '" + name + "': " + error + " (task "
                            + task.id() + ").");
        }
    }

    /** execute (remove the member) → notify the remaining members (parallel). */
    @Component
    static class Leave extends Base {

        Leave(AllianceRepository alliances, OrganizationRepository organizations, Notifications notifications,
                AuditLog audit) {
            super(alliances, organizations, notifications, audit);
        }

        @Override
        public String type() {
            return LEAVE;
        }

        @Override
        public StepResult execute(Task task, Step step, TaskLog log) {
            UUID orgId = uuid(task, "orgId");
            switch (step.name()) {
                case "execute" -> {
                    Alliance alliance = alliance(task);
                    Member member = alliances.member(alliance.id(), orgId)
                            .orElseThrow(() -> new StepFailedException(orgName(orgId) + " is not a member"));
                    if (Member.CREATOR.equals(member.role())) {
                        throw new StepFailedException("the creator cannot leave; delete the alliance instead");
                    }
                    AllianceResponse before = view(alliance.id());
                    alliances.deleteMember(alliance.id(), orgId);
                    alliances.touch(alliance.id());
                    audited(task, "alliance.leave", alliance.id(), before);
                    log.info(orgName(orgId) + " left '" + alliance.name() + "'");
                }
                case "notify" -> {
                    UUID recipient = UUID.fromString(step.param());
                    UUID allianceId = uuid(task, "allianceId");
                    String name = task.input().path("allianceName").asString();
                    notifications.add(recipient, "ALLIANCE_MEMBER_LEFT", task.id(), allianceId,
                            orgName(orgId) + " left the alliance " + name,
                            orgName(orgId) + " is no longer a member of the alliance '" + name + "'.");
                    log.info("notice queued for " + orgName(recipient));
                }
                default -> throw new IllegalStateException("unknown step " + step.name());
            }
            return StepResult.DONE;
        }

        @Override
        public void compensate(Task task, Step step, TaskLog log) {
            UUID allianceId = uuid(task, "allianceId");
            switch (step.name()) {
                case "execute" -> {
                    AllianceResponse before = view(allianceId);
                    alliances.putMember(allianceId, new Member(uuid(task, "orgId"), task.input().path("role").asString(),
                            Member.ACTIVE, java.time.Instant.parse(task.input().path("since").asString())));
                    alliances.touch(allianceId);
                    audited(task, "alliance.leave.rollback", allianceId, before);
                }
                case "notify" -> notifications.withdraw(task.id(), UUID.fromString(step.param()));
                default -> throw new IllegalStateException("unknown step " + step.name());
            }
        }
    }

    /** notify every other member (parallel) → execute (the alliance is DELETED). Creator only. */
    @Component
    static class Delete extends Base {

        Delete(AllianceRepository alliances, OrganizationRepository organizations, Notifications notifications,
                AuditLog audit) {
            super(alliances, organizations, notifications, audit);
        }

        @Override
        public String type() {
            return DELETE;
        }

        @Override
        public StepResult execute(Task task, Step step, TaskLog log) {
            UUID allianceId = uuid(task, "allianceId");
            switch (step.name()) {
                case "notify" -> {
                    UUID recipient = UUID.fromString(step.param());
                    String name = task.input().path("allianceName").asString();
                    notifications.add(recipient, "ALLIANCE_DELETED", task.id(), allianceId,
                            "The alliance " + name + " is being deleted",
                            "The creator " + orgName(task.orgId()) + " deletes the alliance '" + name + "'.");
                    log.info("notice queued for " + orgName(recipient));
                }
                case "execute" -> {
                    Alliance alliance = alliance(task);
                    if (alliances.businessChains(allianceId) > 0) {
                        throw new StepFailedException("alliance '" + alliance.name() + "' still has business chains");
                    }
                    AllianceResponse before = view(allianceId);
                    alliances.setStatus(allianceId, Alliance.DELETED);
                    audited(task, "alliance.delete", allianceId, before);
                    log.info("alliance '" + alliance.name() + "' deleted");
                }
                default -> throw new IllegalStateException("unknown step " + step.name());
            }
            return StepResult.DONE;
        }

        @Override
        public void compensate(Task task, Step step, TaskLog log) {
            UUID allianceId = uuid(task, "allianceId");
            switch (step.name()) {
                case "notify" -> notifications.withdraw(task.id(), UUID.fromString(step.param()));
                case "execute" -> {
                    AllianceResponse before = view(allianceId);
                    alliances.setStatus(allianceId, Alliance.ACTIVE);
                    audited(task, "alliance.delete.rollback", allianceId, before);
                }
                default -> throw new IllegalStateException("unknown step " + step.name());
            }
        }
    }
}
