package io.chainwatch.registry.orgdeletion;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.OrganizationLifecycle;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.node.NodeService;
import io.chainwatch.registry.organization.Organization;
import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.organization.OrganizationResponse;
import io.chainwatch.registry.organization.OrganizationService;
import io.chainwatch.registry.outbox.OutboxRepository;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.NotFoundException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Deletes a deactivated organization in one transaction (see the package description): its nodes through
 * {@link NodeService#delete} (each a tombstone on {@code chainwatch.targets}), then the rest of what it owns
 * ({@link OwnedData}); its row becomes a tombstone named {@code deleted-<first 8 characters of its id>} without
 * contact e-mail or code; {@code organization.delete} is audited with the counts of what was removed; and an
 * {@link OrganizationLifecycle} with {@code deletedAtMs} is queued for {@code chainwatch.organizations}.
 */
@Service
public class OrganizationDeletion {

    private static final Logger log = LoggerFactory.getLogger(OrganizationDeletion.class);

    private final OrganizationRepository organizations;
    private final OrganizationService organizationService;
    private final NodeService nodes;
    private final OwnedData owned;
    private final OutboxRepository outbox;
    private final AuditLog audit;
    private final JsonMapper json;

    OrganizationDeletion(OrganizationRepository organizations, OrganizationService organizationService,
            NodeService nodes, OwnedData owned, OutboxRepository outbox, AuditLog audit, JsonMapper json) {
        this.organizations = organizations;
        this.organizationService = organizationService;
        this.nodes = nodes;
        this.owned = owned;
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
    }

    /** The answer (and the audit entry's "after"): the tombstone and how many of each kind of record were removed. */
    public record Deleted(OrganizationResponse organization, Map<String, Integer> removed) {
    }

    /**
     * 404 for an unknown organization; 409 when it is deleted already, is not deactivated, or still leads alliances /
     * owns business chains that other organizations take part in (then nothing changes).
     */
    @Transactional
    public Deleted delete(UUID id) {
        Organization current = organizations.lockById(id).orElseThrow(() -> new NotFoundException("organization", id));
        if (current.deleted()) {
            throw new ConflictException("Organization " + id + " is deleted already");
        }
        if (!current.deactivated()) {
            throw new ConflictException("Organization '" + current.name() + "' is active: deactivate it first"
                    + " (POST /api/v1/organizations/" + id + "/deactivate); deletion removes everything it owns and"
                    + " cannot be undone");
        }
        List<String> alliances = owned.alliancesSharedWithOthers(id);
        List<String> businessChains = owned.businessChainsSharedWithOthers(id);
        if (!alliances.isEmpty() || !businessChains.isEmpty()) {
            List<String> parts = new ArrayList<>();
            if (!alliances.isEmpty()) {
                parts.add("leads alliances other organizations are members of: " + alliances);
            }
            if (!businessChains.isEmpty()) {
                parts.add("owns business chains other organizations take part in: " + businessChains);
            }
            throw new ConflictException("Organization '" + current.name() + "' " + String.join(", and ", parts)
                    + ". ChainWatch does not hand them over: reactivate it and delete them (or let the other members"
                    + " leave) first");
        }
        OrganizationResponse before = organizationService.read(id);
        List<UUID> nodeIds = owned.nodes(id);
        nodeIds.forEach(nodeId -> nodes.delete(nodeId, null));
        OwnedData.Removed removed = new OwnedData.Removed();
        removed.put("nodes", nodeIds.size());
        removed.putAll(owned.removeAllBut(id));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String name = "deleted-" + id.toString().substring(0, 8);
        if (organizations.nameTakenByOther(name, id)) {
            name = "deleted-" + id;
        }
        organizations.markDeleted(id, name, now);
        outbox.append(Topics.ORGANIZATIONS, id.toString(),
                json.writeValueAsString(OrganizationLifecycle.deleted(id.toString(), now.toEpochMilli())));
        Deleted deleted = new Deleted(organizationService.read(id), removed);
        audit.record(id, "organization.delete", "organization", id, before, deleted);
        log.info("Organization {} ('{}') deleted: removed {}", id, current.name(), removed);
        return deleted;
    }
}
