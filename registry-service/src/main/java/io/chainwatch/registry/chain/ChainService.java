package io.chainwatch.registry.chain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.organization.Organization;
import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.web.DuplicateNameException;
import io.chainwatch.registry.web.NotFoundException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and reads chains. */
@Service
public class ChainService {

    private final ChainRepository chains;
    private final OrganizationRepository organizations;

    ChainService(ChainRepository chains, OrganizationRepository organizations) {
        this.chains = chains;
        this.organizations = organizations;
    }

    @Transactional
    public Chain create(CreateChainRequest request) {
        Organization organization = organizations.findById(request.orgId())
                .orElseThrow(() -> new NotFoundException("organization", request.orgId()));
        Chain chain = new Chain(UUID.randomUUID(), organization.id(), request.name(), request.platform(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), 1);
        try {
            chains.insert(chain);
        } catch (DuplicateKeyException e) {
            throw new DuplicateNameException("Organization '" + organization.name() + "' already has a chain named '"
                    + request.name() + "'", e);
        }
        return chain;
    }

    @Transactional(readOnly = true)
    public Chain get(UUID id) {
        return chains.findById(id).orElseThrow(() -> new NotFoundException("chain", id));
    }

    /** All chains, or those of one organization (which must exist) when {@code orgId} is given. */
    @Transactional(readOnly = true)
    public List<Chain> list(UUID orgId) {
        if (orgId == null) {
            return chains.findAll();
        }
        if (organizations.findById(orgId).isEmpty()) {
            throw new NotFoundException("organization", orgId);
        }
        return chains.findByOrgId(orgId);
    }
}
