package io.chainwatch.events;

/**
 * What the registry seals for the collectors in {@link FabricTarget#sealedIdentity()}: an organization's Fabric
 * client identity. Its JSON travels only inside the sealed box, never in the clear.
 *
 * @param mspId          MSP id the certificate belongs to
 * @param certificatePem the X.509 certificate, PEM
 * @param privateKeyPem  its private key, PEM (PKCS#8 or SEC1 EC)
 * @param tlsCertificatePem the organization's TLS client certificate (PEM, from its TLS CA) for peers that require
 *                       client certificates, or {@code null}
 * @param tlsPrivateKeyPem its private key (PEM), or {@code null}
 */
public record FabricIdentitySecret(String mspId, String certificatePem, String privateKeyPem,
                                   String tlsCertificatePem, String tlsPrivateKeyPem) {

    /** An identity without a TLS client certificate. */
    public FabricIdentitySecret(String mspId, String certificatePem, String privateKeyPem) {
        this(mspId, certificatePem, privateKeyPem, null, null);
    }

    /** Purpose ({@code typ} of the JWE) of a sealed Fabric identity. */
    public static final String PURPOSE = "chainwatch-fabric-identity";

    /** Never prints the key. */
    @Override
    public String toString() {
        return "FabricIdentitySecret[" + mspId + "]";
    }
}
