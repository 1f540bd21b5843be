package io.chainwatch.registry.organization;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.events.OrganizationLifecycle;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.outbox.OutboxRepository;
import io.chainwatch.registry.secret.SecretStore;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.DuplicateNameException;
import io.chainwatch.registry.web.ETags;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.PreconditionFailedException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Creates, updates and reads organizations and their resource space. A cloud organization binds a tenant space,
 * an off-cloud one a physical resource set; a space (tenant/project, or any of its host:port) binds to one
 * organization only. Secrets go to the {@link SecretStore}; every change is audited. A platform admin deactivates and
 * reactivates an organization.
 */
@Service
public class OrganizationService {

    private final OrganizationRepository organizations;
    private final ResourceSpaceRepository spaces;
    private final SecretStore secrets;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final OutboxRepository outbox;
    private final JsonMapper json;

    OrganizationService(OrganizationRepository organizations, ResourceSpaceRepository spaces, SecretStore secrets,
            AuditLog audit, ApplicationEventPublisher events, OutboxRepository outbox, JsonMapper json) {
        this.outbox = outbox;
        this.json = json;
        this.organizations = organizations;
        this.spaces = spaces;
        this.secrets = secrets;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Deactivates the organization: in the same transaction its nodes' targets are withdrawn (tombstones, so the
     * collectors stop polling them, see {@link OrganizationStateChanged}) and an {@link OrganizationLifecycle} is
     * queued for the other services (the alert service stops notifying); from then on its callers are refused. Its
     * data stays. 409 when it is deactivated already.
     */
    @Transactional
    public OrganizationResponse deactivate(UUID id) {
        return changeState(id, true);
    }

    /** Reactivates a deactivated organization: its nodes' targets are published again. 409 when it is active. */
    @Transactional
    public OrganizationResponse reactivate(UUID id) {
        return changeState(id, false);
    }

    private OrganizationResponse changeState(UUID id, boolean deactivate) {
        Organization current = existing(organizations.lockById(id), id);
        if (current.deactivated() == deactivate) {
            throw new ConflictException("Organization '" + current.name() + "' is "
                    + (deactivate ? "deactivated" : "active") + " already");
        }
        OrganizationResponse before = view(current);
        Instant now = now();
        organizations.setDeactivated(id, deactivate ? now : null, now);
        events.publishEvent(new OrganizationStateChanged(id, deactivate));
        outbox.append(Topics.ORGANIZATIONS, id.toString(), json.writeValueAsString(new OrganizationLifecycle(
                id.toString(), deactivate ? OrganizationLifecycle.DEACTIVATED : OrganizationLifecycle.ACTIVE,
                now.toEpochMilli())));
        OrganizationResponse after = view(get(id));
        audit.record(id, deactivate ? "organization.deactivate" : "organization.reactivate", "organization", id,
                before, after);
        return after;
    }

    @Transactional
    public OrganizationResponse create(CreateOrganizationRequest request) {
        UserCategory category = request.effectiveCategory();
        if (request.resourceSpace() != null) {
            checkKind(category, request.resourceSpace());
        }
        Organization organization = new Organization(UUID.randomUUID(), request.name(), request.contactEmail(),
                category, request.orgCode(), now(), null, 1);
        try {
            organizations.insert(organization);
        } catch (DuplicateKeyException e) {
            if (e.getMessage() != null && e.getMessage().contains("organization_org_code_key")) {
                throw new DuplicateNameException("An organization with code '" + request.orgCode() + "' already exists", e);
            }
            throw new DuplicateNameException("An organization named '" + request.name() + "' already exists", e);
        }
        if (request.resourceSpace() != null) {
            bind(organization.id(), request.resourceSpace(), null);
        }
        OrganizationResponse created = view(organization);
        audit.record(organization.id(), "organization.create", "organization", organization.id(), null, created);
        return created;
    }

    /** Replaces the organization's fields if {@code ifMatch} names its current version. */
    @Transactional
    public OrganizationResponse update(UUID id, UpdateOrganizationRequest request, String ifMatch) {
        Long required = ETags.requiredVersion(ifMatch);
        Organization current = existing(organizations.lockById(id), id);
        ETags.check(required, current.version(), "organization");
        OrganizationResponse before = view(current);
        if (before.resourceSpaceType() != null && before.resourceSpaceType() != request.category().spaceKind()) {
            throw new ConflictException("Organization '" + current.name() + "' has a " + before.resourceSpaceType()
                    + " resource space: a " + request.category() + " organization needs a "
                    + request.category().spaceKind() + " one; delete or replace the resource space first");
        }
        Organization changed = new Organization(id, request.name(), request.contactEmail(), request.category(),
                request.orgCode(), current.createdAt(), now(), current.version());
        try {
            if (!organizations.update(changed, current.version())) {
                throw new PreconditionFailedException("The organization was changed meanwhile; GET it again and retry");
            }
        } catch (DuplicateKeyException e) {
            throw new DuplicateNameException("Another organization already has the name '" + request.name()
                    + "' or the code '" + request.orgCode() + "'", e);
        }
        OrganizationResponse after = view(get(id));
        audit.record(id, "organization.update", "organization", id, before, after);
        return after;
    }

    /** Binds (or replaces) the organization's resource space; the organization's version is bumped. */
    @Transactional
    public OrganizationResponse putResourceSpace(UUID id, ResourceSpaceRequest request, String ifMatch) {
        Long required = ETags.requiredVersion(ifMatch);
        Organization current = existing(organizations.lockById(id), id);
        ETags.check(required, current.version(), "organization");
        checkKind(current.category(), request);
        OrganizationResponse before = view(current);
        ResourceSpace old = spaces.findByOrgId(id).orElse(null);
        if (old != null) {
            spaces.deleteByOrgId(id);
        }
        bind(id, request, old);
        organizations.touch(id, current.version(), now());
        OrganizationResponse after = view(get(id));
        audit.record(id, old == null ? "resource-space.create" : "resource-space.replace", "organization", id, before,
                after);
        return after;
    }

    /** Unbinds the organization's resource space and forgets its secrets. */
    @Transactional
    public OrganizationResponse deleteResourceSpace(UUID id, String ifMatch) {
        Long required = ETags.requiredVersion(ifMatch);
        Organization current = existing(organizations.lockById(id), id);
        ETags.check(required, current.version(), "organization");
        ResourceSpace old = spaces.findByOrgId(id)
                .orElseThrow(() -> new NotFoundException("resource space of organization", id));
        OrganizationResponse before = view(current);
        spaces.deleteByOrgId(id);
        secrets.forget(old.accessKeySecretId());
        secrets.forget(old.secretKeySecretId());
        secrets.forget(old.tokenSecretId());
        organizations.touch(id, current.version(), now());
        OrganizationResponse after = view(get(id));
        audit.record(id, "resource-space.delete", "organization", id, before, after);
        return after;
    }

    /** The organization; 404 when there is none, 409 when it is deleted (a tombstone changes no more). */
    private static Organization existing(java.util.Optional<Organization> found, UUID id) {
        Organization organization = found.orElseThrow(() -> new NotFoundException("organization", id));
        if (organization.deleted()) {
            throw new ConflictException("Organization " + id + " is deleted: it cannot be changed any more");
        }
        return organization;
    }

    @Transactional(readOnly = true)
    public Organization get(UUID id) {
        return organizations.findById(id).orElseThrow(() -> new NotFoundException("organization", id));
    }

    /** The organization with its resource space, as the API shows it. */
    @Transactional(readOnly = true)
    public OrganizationResponse read(UUID id) {
        return view(get(id));
    }

    @Transactional(readOnly = true)
    public ResourceSpaceResponse readResourceSpace(UUID id) {
        get(id);
        return spaces.findByOrgId(id).map(this::spaceView)
                .orElseThrow(() -> new NotFoundException("resource space of organization", id));
    }

    @Transactional(readOnly = true)
    public Page<OrganizationResponse> list(OrganizationRepository.Query query, PageRequest page) {
        return organizations.find(query, page)
                .map(listed -> OrganizationResponse.of(listed.organization(), listed.spaceKind(), null));
    }

    private OrganizationResponse view(Organization organization) {
        ResourceSpaceResponse space = spaces.findByOrgId(organization.id()).map(this::spaceView).orElse(null);
        return OrganizationResponse.of(organization, space == null ? null : space.type(), space);
    }

    private ResourceSpaceResponse spaceView(ResourceSpace space) {
        return new ResourceSpaceResponse(space.kind(), space.tenantId(), space.tenantName(), space.projectId(),
                space.projectName(),
                space.kind() == ResourceSpaceKind.TENANT ? secrets.view(space.accessKeySecretId()) : null,
                space.kind() == ResourceSpaceKind.TENANT ? secrets.view(space.secretKeySecretId()) : null,
                space.kind() == ResourceSpaceKind.TENANT ? secrets.view(space.tokenSecretId()) : null,
                space.nodes().stream().map(node -> new ResourceSpaceResponse.Node(node.host(), node.port(),
                        Certificates.summary(node.tlsCertificate()))).toList());
    }

    private static void checkKind(UserCategory category, ResourceSpaceRequest request) {
        if (request.kind() != category.spaceKind()) {
            throw new InvalidRequestException("resourceSpace.type", "must be " + category.spaceKind() + " for a "
                    + category + " organization, is " + request.kind());
        }
    }

    /**
     * Inserts the space for the organization. When it replaces {@code old}, secrets the request leaves out are
     * kept from a tenant {@code old}; the others of {@code old} are forgotten.
     */
    private void bind(UUID orgId, ResourceSpaceRequest request, ResourceSpace old) {
        Set<UUID> kept = new HashSet<>();
        ResourceSpace space;
        if (request instanceof ResourceSpaceRequest.Tenant tenant) {
            boolean keep = old != null && old.kind() == ResourceSpaceKind.TENANT;
            UUID ak = secret(orgId, "access-key", tenant.accessKey(), keep ? old.accessKeySecretId() : null, kept);
            UUID sk = secret(orgId, "secret-key", tenant.secretKey(), keep ? old.secretKeySecretId() : null, kept);
            UUID token = secret(orgId, "token", tenant.token(), keep ? old.tokenSecretId() : null, kept);
            space = new ResourceSpace(UUID.randomUUID(), orgId, ResourceSpaceKind.TENANT, tenant.tenantId().strip(),
                    tenant.tenantName(), tenant.projectId().strip(), tenant.projectName(), ak, sk, token, List.of());
        } else {
            ResourceSpaceRequest.Physical physical = (ResourceSpaceRequest.Physical) request;
            List<ResourceSpace.PhysicalNode> nodes = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < physical.nodes().size(); i++) {
                ResourceSpaceRequest.Node node = physical.nodes().get(i);
                String host = node.host().strip().toLowerCase(java.util.Locale.ROOT);
                if (!seen.add(host + ":" + node.port())) {
                    throw new InvalidRequestException("resourceSpace.nodes[" + i + "]",
                            "repeats " + host + ":" + node.port());
                }
                String pem = node.tlsCertificate() == null ? null : node.tlsCertificate().strip();
                if (pem != null && Certificates.parse(pem) == null) {
                    throw new InvalidRequestException("resourceSpace.nodes[" + i + "].tlsCertificate",
                            "is not a PEM X.509 certificate (-----BEGIN CERTIFICATE----- ...)");
                }
                nodes.add(new ResourceSpace.PhysicalNode(host, node.port(), pem));
            }
            space = new ResourceSpace(UUID.randomUUID(), orgId, ResourceSpaceKind.PHYSICAL, null, null, null, null,
                    null, null, null, nodes);
        }
        try {
            spaces.insert(space, now());
        } catch (DuplicateKeyException e) {
            String what = space.kind() == ResourceSpaceKind.TENANT
                    ? "tenant " + space.tenantId() + " / project " + space.projectId()
                    : "one of the hosts " + space.nodes().stream().map(n -> n.host() + ":" + n.port()).toList();
            throw new ConflictException("The resource space (" + what + ") is already bound to another organization;"
                    + " a resource space binds to one organization only");
        }
        if (old != null) {
            for (UUID secretId : new UUID[] {old.accessKeySecretId(), old.secretKeySecretId(), old.tokenSecretId()}) {
                if (secretId != null && !kept.contains(secretId)) {
                    secrets.forget(secretId);
                }
            }
        }
    }

    private UUID secret(UUID orgId, String purpose, String value, UUID current, Set<UUID> kept) {
        if (value == null) {
            if (current != null) {
                kept.add(current);
            }
            return current;
        }
        return secrets.store(orgId, purpose, value);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
