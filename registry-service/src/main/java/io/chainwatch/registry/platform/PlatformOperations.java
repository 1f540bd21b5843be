package io.chainwatch.registry.platform;

import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs standard operations on ACTIVE platforms through their templates and reads platforms, for the API and for
 * the tasks that drive platforms (provisioning) — apart from {@link PlatformService} so that task definitions can
 * use it without depending on the task engine.
 */
@Service
public class PlatformOperations {

    private final PlatformRepository platforms;
    private final PlatformViews views;
    private final TemplateAdapter adapter;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    PlatformOperations(PlatformRepository platforms, PlatformViews views, TemplateAdapter adapter, AuditLog audit,
            TransactionTemplate transaction) {
        this.platforms = platforms;
        this.views = views;
        this.adapter = adapter;
        this.audit = audit;
        this.transaction = transaction;
    }

    /** The platform as the API shows it; 404 when there is none. */
    public PlatformResponse read(UUID id) {
        return transaction.execute(status -> views.view(get(id)));
    }

    /**
     * Runs a standard operation on an ACTIVE platform through its template. Called outside a transaction, none is
     * held during the platform call; inside one (a task step), the call is part of the step. Management operations
     * (all but the operations group) are audited.
     */
    public ObjectNode invoke(UUID id, String operationId, JsonNode inputs) {
        return invoke(id, operationId, inputs, null);
    }

    /** {@link #invoke(UUID, String, JsonNode)}, recording the HTTP exchanges (secrets masked) into {@code exchanges}. */
    public ObjectNode invoke(UUID id, String operationId, JsonNode inputs, java.util.List<TemplateAdapter.Exchange> exchanges) {
        StandardOperation operation = StandardOperation.byId(operationId)
                .orElseThrow(() -> new NotFoundException("No standard operation named '" + operationId + "' exists"));
        Platform platform = transaction.execute(status -> get(id));
        if (!Platform.ACTIVE.equals(platform.status())) {
            throw new ConflictException("Platform '" + platform.name() + "' is " + platform.status()
                    + (platform.reason() == null ? "" : ": " + platform.reason()));
        }
        Map<String, MappingTemplate.Operation> mapped = platform.template().operations();
        MappingTemplate.Operation mapping = mapped == null ? null : mapped.get(operationId);
        if (mapping == null) {
            throw new ConflictException("Platform '" + platform.name() + "' does not map " + operationId
                    + " (it maps " + (mapped == null ? "nothing" : mapped.keySet()) + ")");
        }
        TemplateAdapter.Target target = transaction.execute(status -> views.target(platform));
        ObjectNode result = adapter.invoke(target, operation, mapping, inputs, exchanges);
        if (operation.group() != StandardOperation.Group.OPERATIONS) {
            transaction.executeWithoutResult(status -> audit.record(platform.orgId(), "platform." + operationId,
                    "platform", id, inputs, result));
        }
        return result;
    }

    private Platform get(UUID id) {
        return platforms.findById(id).orElseThrow(() -> new NotFoundException("platform", id));
    }
}
