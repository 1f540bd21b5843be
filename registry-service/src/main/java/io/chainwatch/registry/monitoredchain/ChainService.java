package io.chainwatch.registry.monitoredchain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.organization.Organization;
import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.web.DuplicateNameException;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and reads chains. */
@Service
public class ChainService {

    private final ChainRepository chains;
    private final OrganizationRepository organizations;

    private final AuditLog audit;

    private final io.chainwatch.registry.quota.Quotas quotas;

    ChainService(ChainRepository chains, OrganizationRepository organizations, AuditLog audit,
                 io.chainwatch.registry.quota.Quotas quotas) {
        this.quotas = quotas;
        this.chains = chains;
        this.organizations = organizations;
        this.audit = audit;
    }

    @Transactional
    public Chain create(CreateChainRequest request) {
        Organization organization = organizations.findById(request.orgId()).filter(o -> !o.deleted())
                .orElseThrow(() -> new NotFoundException("organization", request.orgId()));
        quotas.checkOneMore(organization.id(), io.chainwatch.registry.quota.Quotas.CHAINS);
        Chain chain = new Chain(UUID.randomUUID(), organization.id(), request.name(), request.platform(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), 1, null);
        try {
            chains.insert(chain);
        } catch (DuplicateKeyException e) {
            throw new DuplicateNameException("Organization '" + organization.name() + "' already has a chain named '"
                    + request.name() + "'", e);
        }
        audit.record(chain.orgId(), "chain.create", "chain", chain.id(), null, ChainResponse.of(chain));
        return chain;
    }

    /**
     * Sets the chain's availability objective ({@code null} removes it); {@code ifMatch} is required and must name
     * the chain's current version. Audited as {@code chain.update}.
     */
    @Transactional
    public Chain setAvailabilityObjective(UUID id, Double objective, String ifMatch) {
        Long required = io.chainwatch.registry.web.ETags.requiredVersion(ifMatch);
        Chain current = chains.lockById(id).orElseThrow(() -> new NotFoundException("chain", id));
        io.chainwatch.registry.web.ETags.check(required, current.version(), "chain");
        chains.updateObjective(id, objective);
        Chain updated = get(id);
        audit.record(updated.orgId(), "chain.update", "chain", id, ChainResponse.of(current),
                ChainResponse.of(updated));
        return updated;
    }

    @Transactional(readOnly = true)
    public Chain get(UUID id) {
        return chains.findById(id).orElseThrow(() -> new NotFoundException("chain", id));
    }

    /** A page of chains; a given {@code orgId} must name an organization. */
    @Transactional(readOnly = true)
    public Page<Chain> list(ChainRepository.Query query, PageRequest page) {
        if (query.orgId() != null && organizations.findById(query.orgId()).isEmpty()) {
            throw new NotFoundException("organization", query.orgId());
        }
        return chains.find(query, page);
    }

    /**
     * Deletes a chain that has no nodes left (the rollback of a provisioning task); audited as {@code actor}.
     * No-op when it is already gone.
     */
    @Transactional
    public void deleteEmpty(String actor, UUID id) {
        chains.findById(id).ifPresent(chain -> {
            chains.delete(id);
            audit.record(actor, chain.orgId(), "chain.delete", "chain", id, ChainResponse.of(chain), null);
        });
    }
}
