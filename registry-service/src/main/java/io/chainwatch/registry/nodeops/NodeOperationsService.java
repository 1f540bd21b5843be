package io.chainwatch.registry.nodeops;

import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.node.Node;
import io.chainwatch.registry.node.NodeService;
import io.chainwatch.registry.notification.Notifications;
import io.chainwatch.registry.web.PlatformCallException;
import io.chainwatch.registry.platform.PlatformOperations;
import io.chainwatch.registry.provisioning.ProvisioningRepository;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/** Starts, stops and restarts nodes through their platform; records, audits and notifies every operation. */
@Service
public class NodeOperationsService {

    /** The API's operation names → the standard operation. */
    static final Map<String, String> OPERATIONS = Map.of("start", "startNode", "stop", "stopNode",
            "restart", "restartNode");

    private final NodeService nodes;
    private final ProvisioningRepository platformChains;
    private final PlatformOperations platforms;
    private final NodeOperationsRepository repository;
    private final Notifications notifications;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    NodeOperationsService(NodeService nodes, ProvisioningRepository platformChains, PlatformOperations platforms,
            NodeOperationsRepository repository, Notifications notifications, AuditLog audit,
            TransactionTemplate transaction, JsonMapper json) {
        this.nodes = nodes;
        this.platformChains = platformChains;
        this.platforms = platforms;
        this.repository = repository;
        this.notifications = notifications;
        this.audit = audit;
        this.transaction = transaction;
        this.json = json;
    }

    /**
     * Runs {@code operation} (start, stop, restart) on the node through its platform. 404 for another name, 409 when
     * the node's chain does not run on a registered platform or the platform does not map the operation; a platform
     * failure is recorded (FAILED) and answered 502.
     *
     * @param reason why, for the record and the notification (an automatic restart says since when it is down)
     */
    public NodeOperationRecord run(UUID nodeId, String operation, boolean automatic, String reason) {
        String standard = OPERATIONS.get(operation);
        if (standard == null) {
            throw new NotFoundException("No node operation named '" + operation + "' exists (start, stop, restart)");
        }
        Node node = transaction.execute(s -> nodes.get(nodeId));
        ProvisioningRepository.PlatformChain chain = transaction.execute(s -> platformChains.ofChain(node.chainId()))
                .orElseThrow(() -> new ConflictException("Node '" + node.name() + "' is not on a chain of a registered "
                        + "platform; ChainWatch starts, stops and restarts nodes only through a platform's operations "
                        + "interface"));
        try {
            platforms.invoke(chain.platformId(), standard, json.createObjectNode()
                    .put("chainId", chain.externalChainId()).put("node", node.name()));
        } catch (PlatformCallException e) {
            transaction.executeWithoutResult(s -> recorded(node, operation, automatic, "FAILED",
                    (reason == null ? "" : reason + "; ") + "the platform answered: " + e.getMessage()));
            throw e;
        }
        return transaction.execute(s -> recorded(node, operation, automatic, "DONE", reason));
    }

    /** Records that an automatic restart was due but the hourly limit was reached (audited and notified). */
    NodeOperationRecord limited(Node node, String detail) {
        return transaction.execute(s -> recorded(node, "restart", true, "LIMITED", detail));
    }

    private NodeOperationRecord recorded(Node node, String operation, boolean automatic, String outcome,
            String detail) {
        NodeOperationRecord record = repository.record(node.id(), operation, automatic, outcome, detail);
        audit.record(node.orgId(), "node." + (automatic ? "auto-" : "") + operation
                + (outcome.equals("DONE") ? "" : "." + outcome.toLowerCase()), "node", node.id(), null, record);
        String what = (automatic ? "Automatic " : "") + operation + " of node " + node.name();
        String subject = switch (outcome) {
            case "DONE" -> (automatic ? "Node restarted automatically: " : "Node " + operation + ": ") + node.name();
            case "LIMITED" -> "Auto-restart limit reached: " + node.name();
            default -> "Node " + operation + " failed: " + node.name();
        };
        notifications.add(node.orgId(), "NODE_" + operation.toUpperCase() + "_" + outcome, null, null, subject,
                what + " (" + node.id() + "): " + outcome + (detail == null ? "" : " — " + detail) + " at "
                        + record.at() + ".");
        return record;
    }
}
