package io.chainwatch.registry.organization;

import java.util.List;
import java.util.UUID;

/**
 * A stored resource space. Tenant fields are {@code null} for a physical set, {@code nodes} empty for a tenant
 * space; the secret ids point into {@code registry.secret}.
 */
public record ResourceSpace(UUID id, UUID orgId, ResourceSpaceKind kind, String tenantId, String tenantName,
        String projectId, String projectName, UUID accessKeySecretId, UUID secretKeySecretId, UUID tokenSecretId,
        List<PhysicalNode> nodes) {

    /** One host of a physical resource set; {@code tlsCertificate} is PEM or {@code null}. */
    public record PhysicalNode(String host, int port, String tlsCertificate) {
    }
}
