package io.chainwatch.registry.fabric;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /api/v1/organizations/{orgId}/fabric-identities/{mspId}}.
 *
 * @param certificatePem the client's X.509 certificate (PEM), issued by the MSP
 * @param privateKeyPem  its private key (PEM, PKCS#8 or SEC1 EC); stored encrypted, never returned
 * @param tlsCertificatePem optional: the organization's TLS client certificate (PEM, from its TLS CA), for peers
 *                       that require client certificates ({@code CORE_PEER_TLS_CLIENTAUTHREQUIRED})
 * @param tlsPrivateKeyPem its private key (PEM), with {@code tlsCertificatePem}; stored encrypted, never returned
 */
public record FabricIdentityRequest(
        @NotBlank @Size(max = 16384) String certificatePem,
        @NotBlank @Size(max = 16384) String privateKeyPem,
        @Size(max = 16384) String tlsCertificatePem,
        @Size(max = 16384) String tlsPrivateKeyPem) {

    /** An identity without a TLS client certificate. */
    public FabricIdentityRequest(String certificatePem, String privateKeyPem) {
        this(certificatePem, privateKeyPem, null, null);
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "FabricIdentityRequest[certificatePem=" + (certificatePem == null ? null : certificatePem.length()
                + " chars") + ", privateKeyPem=" + (privateKeyPem == null ? "null" : "(hidden)")
                + ", tlsCertificatePem=" + (tlsCertificatePem == null ? null : tlsCertificatePem.length() + " chars")
                + ", tlsPrivateKeyPem=" + (tlsPrivateKeyPem == null ? "null" : "(hidden)") + "]";
    }
}
