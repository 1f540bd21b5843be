package io.chainwatch.registry.provisioning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.businesschain.BusinessChain;
import io.chainwatch.registry.businesschain.BusinessChainService;
import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.platform.Platform;
import io.chainwatch.registry.platform.PlatformResponse;
import io.chainwatch.registry.platform.PlatformService;
import io.chainwatch.registry.task.Task;
import io.chainwatch.registry.task.TaskEngine;
import io.chainwatch.registry.task.TaskService;
import io.chainwatch.registry.task.TaskView;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/** Submits provisioning tasks and says what a business chain runs on. */
@Service
public class ProvisioningService {

    /** What {@code POST .../provisioning} answers. */
    public record Submitted(UUID taskId, String type, UUID businessChainId) {
    }

    /** What {@code GET .../provisioning} answers: the provisioned chains and the provisioning tasks, newest first. */
    public record State(UUID businessChainId, List<ProvisioningRepository.PlatformChain> chains,
            List<TaskView.Summary> tasks) {
    }

    private final BusinessChainService businessChains;
    private final PlatformService platforms;
    private final OrganizationRepository organizations;
    private final ProvisioningRepository repository;
    private final TaskEngine engine;
    private final TaskService tasks;
    private final AuditLog audit;
    private final JsonMapper json;

    ProvisioningService(BusinessChainService businessChains, PlatformService platforms,
            OrganizationRepository organizations, ProvisioningRepository repository, TaskEngine engine,
            TaskService tasks, AuditLog audit, JsonMapper json) {
        this.businessChains = businessChains;
        this.platforms = platforms;
        this.organizations = organizations;
        this.repository = repository;
        this.engine = engine;
        this.tasks = tasks;
        this.audit = audit;
        this.json = json;
    }

    /**
     * Checks that the platform belongs to the business chain's owner, is ACTIVE and maps what the plan calls (with
     * the operations that undo it), that no provisioning of this business chain is running or done, and submits
     * the task. 404 for a platform of another organization, 409 for the rest.
     */
    @Transactional
    public Submitted submit(UUID businessChainId, ProvisioningRequest request) {
        BusinessChain chain = businessChains.getChain(businessChainId);
        PlatformResponse platform = platforms.read(request.platformId());
        if (!platform.orgId().equals(chain.ownerOrgId())) {
            throw new NotFoundException("platform", request.platformId());
        }
        if (!Platform.ACTIVE.equals(platform.status())) {
            throw new ConflictException("Platform '" + platform.name() + "' is " + platform.status());
        }
        Set<String> needed = ProvisioningPlan.operationsNeeded(chain.createMode(), chain.memberOrgIds().size());
        List<String> missing = needed.stream().filter(op -> !platform.operations().contains(op)).toList();
        if (!missing.isEmpty()) {
            throw new ConflictException("Platform '" + platform.name() + "' cannot build a " + chain.createMode()
                    + " business chain: its template does not map " + missing + " (provisioning needs " + needed
                    + ", the delete and leave operations to roll back a failure)");
        }
        if (!repository.ofBusinessChain(businessChainId).isEmpty()) {
            throw new ConflictException("Business chain '" + chain.name() + "' is already provisioned");
        }
        boolean running = tasks.list(chain.ownerOrgId(), ProvisioningPlan.TYPE, null, businessChainId,
                new PageRequest(0, 100)).items().stream().anyMatch(t -> !t.status().finished());
        if (running) {
            throw new ConflictException("Business chain '" + chain.name() + "' is being provisioned");
        }
        Map<UUID, String> names = new LinkedHashMap<>();
        for (UUID org : chain.memberOrgIds()) {
            names.put(org, organizations.findById(org).map(o -> o.name()).orElse(org.toString()));
        }
        ProvisioningPlan.Plan plan = ProvisioningPlan.of(json, chain, names, request);
        Task task = engine.submit(ProvisioningPlan.TYPE, chain.ownerOrgId(), businessChainId, plan.input(), plan.steps());
        audit.record(chain.ownerOrgId(), "business-chain.provision", "business-chain", businessChainId, null,
                Map.of("taskId", task.id(), "platformId", request.platformId(), "createMode", chain.createMode()));
        return new Submitted(task.id(), task.type(), businessChainId);
    }

    @Transactional(readOnly = true)
    public State state(UUID businessChainId) {
        BusinessChain chain = businessChains.getChain(businessChainId);
        return new State(businessChainId, repository.ofBusinessChain(businessChainId),
                tasks.list(chain.ownerOrgId(), ProvisioningPlan.TYPE, null, businessChainId, new PageRequest(0, 100))
                        .items().stream()
                        .sorted(java.util.Comparator.comparing(TaskView.Summary::createdAt).reversed()).toList());
    }
}
