package io.chainwatch.registry.platform;

import java.util.List;

import io.chainwatch.registry.secret.SecretStore;

import org.springframework.stereotype.Component;

/** A platform's API view (no secrets) and its call target (secrets revealed for one call). */
@Component
class PlatformViews {

    private final SecretStore secrets;

    PlatformViews(SecretStore secrets) {
        this.secrets = secrets;
    }

    PlatformResponse view(Platform p) {
        List<String> operations = p.template().operations() == null ? List.of()
                : p.template().operations().keySet().stream().sorted().toList();
        return new PlatformResponse(p.id(), p.orgId(), p.name(), p.baseUrl(), p.authType(),
                secrets.view(p.tokenSecretId()), secrets.view(p.accessKeySecretId()),
                secrets.view(p.secretKeySecretId()), subject(p.tlsCertificate()), secrets.view(p.tlsKeySecretId()),
                p.tlsCaCertificate() != null, p.status(), p.reason(), operations, p.createdAt(), p.updatedAt(),
                p.version());
    }

    TemplateAdapter.Target target(Platform p) {
        return new TemplateAdapter.Target(p.baseUrl(), p.authType(),
                p.tokenSecretId() == null ? null : secrets.reveal(p.tokenSecretId()),
                p.accessKeySecretId() == null ? null : secrets.reveal(p.accessKeySecretId()),
                p.secretKeySecretId() == null ? null : secrets.reveal(p.secretKeySecretId()),
                p.tlsCertificate(), p.tlsKeySecretId() == null ? null : secrets.reveal(p.tlsKeySecretId()),
                p.tlsCaCertificate());
    }

    private static String subject(String pem) {
        if (pem == null) {
            return null;
        }
        try {
            return ((java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(
                            java.nio.charset.StandardCharsets.US_ASCII)))).getSubjectX500Principal().getName();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("a stored platform certificate does not parse", e);
        }
    }
}
