package io.chainwatch.registry.organization;

import java.time.Instant;
import java.util.List;

import io.chainwatch.registry.secret.SecretView;

/**
 * A resource space as the API returns it: secrets only as {@link SecretView}, certificates as their subject,
 * expiry and fingerprint.
 */
public record ResourceSpaceResponse(ResourceSpaceKind type, String tenantId, String tenantName, String projectId,
        String projectName, SecretView accessKey, SecretView secretKey, SecretView token, List<Node> nodes) {

    /** A host of a physical set. */
    public record Node(String host, int port, Certificate tlsCertificate) {
    }

    /** What the API shows of a TLS certificate. */
    public record Certificate(String subject, Instant notAfter, String sha256) {
    }
}
