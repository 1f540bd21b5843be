package io.chainwatch.registry.platform;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.secret.SecretStore;
import io.chainwatch.registry.task.Task;
import io.chainwatch.registry.task.TaskEngine;
import io.chainwatch.registry.web.DuplicateNameException;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Registers platforms (as tasks), reads them, and runs standard operations on active ones. */
@Service
public class PlatformService {

    /** What {@code POST /platforms} answers: the registration task and the platform it registers. */
    public record Submitted(UUID taskId, String type, UUID platformId) {
    }

    private final PlatformRepository platforms;
    private final PlatformViews views;
    private final OrganizationRepository organizations;
    private final SecretStore secrets;
    private final TaskEngine engine;
    private final PlatformOperations operations;
    private final AuditLog audit;
    private final JsonMapper json;

    PlatformService(PlatformRepository platforms, PlatformViews views, OrganizationRepository organizations,
            SecretStore secrets, TaskEngine engine, PlatformOperations operations, AuditLog audit, JsonMapper json) {
        this.platforms = platforms;
        this.views = views;
        this.organizations = organizations;
        this.secrets = secrets;
        this.engine = engine;
        this.operations = operations;
        this.audit = audit;
        this.json = json;
    }

    /** Stores the platform (REGISTERING, credentials encrypted) and submits its registration task. */
    @Transactional
    public Submitted register(PlatformRequests.Register request) {
        UUID orgId = organizations.findById(request.orgId()).filter(o -> !o.deleted())
                .orElseThrow(() -> new NotFoundException("organization", request.orgId())).id();
        UUID id = UUID.randomUUID();
        String authType = "NONE";
        UUID token = null;
        UUID ak = null;
        UUID sk = null;
        String tlsCertificate = null;
        UUID tlsKey = null;
        String caCertificate = request.caCertificate() == null || request.caCertificate().isBlank() ? null
                : request.caCertificate().strip();
        PlatformRequests.TlsClientCertificate tls = request.auth() instanceof PlatformRequests.TlsClientCertificate c
                ? c : null;
        try {
            TlsMaterial.check(tls == null ? null : tls.certificate(), tls == null ? null : tls.privateKey(),
                    caCertificate);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(tls == null ? "caCertificate" : "auth", e.getMessage());
        }
        if (tls != null) {
            authType = "TLS_CLIENT_CERT";
            tlsCertificate = tls.certificate().strip();
            tlsKey = secrets.store(orgId, "platform-tls-key", tls.privateKey());
        } else if (request.auth() instanceof PlatformRequests.Token t) {
            authType = "TOKEN";
            token = secrets.store(orgId, "platform-token", t.token());
        } else if (request.auth() instanceof PlatformRequests.AkSk a) {
            authType = "AK_SK";
            ak = secrets.store(orgId, "platform-access-key", a.accessKey());
            sk = secrets.store(orgId, "platform-secret-key", a.secretKey());
        }
        Platform platform = new Platform(id, orgId, request.name(), request.baseUrl(), authType, token, ak, sk,
                tlsCertificate, tlsKey, caCertificate, request.openApi(), request.template(), Platform.REGISTERING, null,
                Instant.now().truncatedTo(ChronoUnit.MICROS), null, 1);
        try {
            platforms.insert(platform);
        } catch (DuplicateKeyException e) {
            throw new DuplicateNameException("The organization already has a platform named '" + request.name() + "'", e);
        }
        audit.record(orgId, "platform.register", "platform", id, null, views.view(platform));
        Task task = engine.submit(PlatformRegistration.TYPE, orgId, id,
                json.createObjectNode().put("platformId", id.toString()), PlatformRegistration.plan());
        return new Submitted(task.id(), task.type(), id);
    }

    @Transactional(readOnly = true)
    public PlatformResponse read(UUID id) {
        return views.view(get(id));
    }

    @Transactional(readOnly = true)
    public Page<PlatformResponse> list(UUID orgId, String status, PageRequest page) {
        return platforms.find(orgId, status, page).map(views::view);
    }

    /** Runs a standard operation on an ACTIVE platform through its template (see {@link PlatformOperations}). */
    public ObjectNode invoke(UUID id, String operationId, JsonNode inputs) {
        return operations.invoke(id, operationId, inputs);
    }

    private Platform get(UUID id) {
        return platforms.findById(id).orElseThrow(() -> new NotFoundException("platform", id));
    }
}
