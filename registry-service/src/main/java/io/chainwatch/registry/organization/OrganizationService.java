package io.chainwatch.registry.organization;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.web.DuplicateNameException;
import io.chainwatch.registry.web.NotFoundException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and reads organizations. */
@Service
public class OrganizationService {

    private final OrganizationRepository organizations;

    OrganizationService(OrganizationRepository organizations) {
        this.organizations = organizations;
    }

    @Transactional
    public Organization create(CreateOrganizationRequest request) {
        Organization organization = new Organization(UUID.randomUUID(), request.name(), request.contactEmail(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), 1);
        try {
            organizations.insert(organization);
        } catch (DuplicateKeyException e) {
            throw new DuplicateNameException("An organization named '" + request.name() + "' already exists", e);
        }
        return organization;
    }

    @Transactional(readOnly = true)
    public Organization get(UUID id) {
        return organizations.findById(id).orElseThrow(() -> new NotFoundException("organization", id));
    }

    @Transactional(readOnly = true)
    public List<Organization> list() {
        return organizations.findAll();
    }
}
