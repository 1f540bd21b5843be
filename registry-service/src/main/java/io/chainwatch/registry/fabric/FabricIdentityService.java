package io.chainwatch.registry.fabric;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.fabric.qscc.ClientIdentity;
import io.chainwatch.registry.node.NodeService;
import io.chainwatch.registry.organization.Organization;
import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.secret.SecretStore;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;

import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores, lists and removes the client identities organizations give the registry for their Fabric peers, and
 * hands the native adapter a signing identity. A certificate must parse and be valid now; the private key must be
 * an EC or Ed25519 key (what Fabric MSPs use) and match the certificate's public key (it signs a random challenge
 * the certificate's key verifies). The key is stored with {@link SecretStore} (AES-GCM) and never returned. A change
 * re-publishes the targets of the organization's nodes that use the MSP, so the collectors get the identity sealed
 * for them ({@link CollectorIdentities}).
 */
@Service
public class FabricIdentityService {

    /** Purpose of the private keys in registry.secret. */
    static final String KEY_PURPOSE = "fabric-private-key";
    /** Purpose of the TLS client keys in registry.secret. */
    static final String TLS_KEY_PURPOSE = "fabric-tls-client-key";
    private static final Pattern MSP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final FabricIdentityRepository identities;
    private final OrganizationRepository organizations;
    private final SecretStore secrets;
    private final AuditLog audit;
    private final NodeService nodes;
    private final SecureRandom random = new SecureRandom();

    FabricIdentityService(FabricIdentityRepository identities, OrganizationRepository organizations,
            SecretStore secrets, AuditLog audit, NodeService nodes) {
        this.identities = identities;
        this.organizations = organizations;
        this.secrets = secrets;
        this.audit = audit;
        this.nodes = nodes;
    }

    /** What {@link #put} did. */
    public record Put(FabricIdentityResponse identity, boolean created) {
    }

    /** Sets (or replaces) the organization's identity for the MSP. */
    @Transactional
    public Put put(UUID orgId, String mspId, FabricIdentityRequest request) {
        Organization organization = organization(orgId);
        checkMspId(mspId);
        X509Certificate certificate = certificate(request.certificatePem(), "certificatePem");
        PrivateKey key = privateKey(request.privateKeyPem(), "privateKeyPem");
        checkPair(certificate, key, "privateKeyPem");
        boolean tls = checkTlsClient(request);
        String certificatePem = request.certificatePem().strip() + "\n";
        String tlsCertificatePem = tls ? request.tlsCertificatePem().strip() + "\n" : null;
        Optional<FabricIdentity> current = identities.find(organization.id(), mspId, true);
        FabricIdentityResponse before = current.map(this::view).orElse(null);
        UUID keySecretId = secrets.store(organization.id(), KEY_PURPOSE, request.privateKeyPem().strip() + "\n");
        UUID tlsKeySecretId = tls ? secrets.store(organization.id(), TLS_KEY_PURPOSE,
                request.tlsPrivateKeyPem().strip() + "\n") : null;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (current.isPresent()) {
            identities.replace(organization.id(), mspId, certificatePem, keySecretId, tlsCertificatePem, tlsKeySecretId,
                    now);
            forgetKeys(current.get());
        } else {
            identities.insert(new FabricIdentity(organization.id(), mspId, certificatePem, keySecretId, now, null, 1,
                    tlsCertificatePem, tlsKeySecretId));
        }
        FabricIdentityResponse after = view(identities.find(organization.id(), mspId, false).orElseThrow());
        audit.record(organization.id(), "fabric-identity.put", "fabric-identity", mspId, before, after);
        nodes.republishFabricMsp(organization.id(), mspId); // the collectors get the new identity
        return new Put(after, current.isEmpty());
    }

    @Transactional(readOnly = true)
    public List<FabricIdentityResponse> list(UUID orgId) {
        organization(orgId);
        return identities.ofOrganization(orgId).stream().map(this::view).toList();
    }

    @Transactional(readOnly = true)
    public FabricIdentityResponse get(UUID orgId, String mspId) {
        organization(orgId);
        return identities.find(orgId, mspId, false).map(this::view).orElseThrow(() -> missing(orgId, mspId));
    }

    /** Removes the identity and its stored key. */
    @Transactional
    public void delete(UUID orgId, String mspId) {
        organization(orgId);
        FabricIdentity current = identities.find(orgId, mspId, true).orElseThrow(() -> missing(orgId, mspId));
        FabricIdentityResponse before = view(current);
        identities.delete(orgId, mspId);
        forgetKeys(current);
        audit.record(orgId, "fabric-identity.delete", "fabric-identity", mspId, before, null);
        nodes.republishFabricMsp(orgId, mspId); // the collectors drop it
    }

    /**
     * The identity the registry signs with towards a peer of the organization's chain; 409 when the organization
     * has set none for that MSP.
     */
    @Transactional(readOnly = true)
    public ClientIdentity signing(UUID orgId, String mspId) {
        FabricIdentity stored = identities.find(orgId, mspId, false).orElseThrow(() -> new ConflictException(
                "The organization has no Fabric client identity for MSP '" + mspId + "'; set one with PUT "
                        + "/api/v1/organizations/" + orgId + "/fabric-identities/" + mspId));
        try {
            return new ClientIdentity(new X509Identity(mspId, Identities.readX509Certificate(stored.certificatePem())),
                    Signers.newPrivateKeySigner(Identities.readPrivateKey(secrets.reveal(stored.keySecretId()))),
                    stored.tlsCertificatePem(),
                    stored.tlsKeySecretId() == null ? null : secrets.reveal(stored.tlsKeySecretId()));
        } catch (CertificateException | InvalidKeyException e) {
            // validated when stored; only a corrupted row gets here (no key material in the message)
            throw new IllegalStateException("stored Fabric identity of MSP " + mspId + " does not parse", e);
        }
    }

    /**
     * Whether the request carries a TLS client certificate; if it does, its key must come with it, parse and match.
     * Either both or neither.
     */
    private boolean checkTlsClient(FabricIdentityRequest request) {
        boolean certificate = request.tlsCertificatePem() != null && !request.tlsCertificatePem().isBlank();
        boolean key = request.tlsPrivateKeyPem() != null && !request.tlsPrivateKeyPem().isBlank();
        if (certificate != key) {
            throw new InvalidRequestException(certificate ? "tlsPrivateKeyPem" : "tlsCertificatePem",
                    "must be given together with " + (certificate ? "tlsCertificatePem" : "tlsPrivateKeyPem"));
        }
        if (certificate) {
            checkPair(certificate(request.tlsCertificatePem(), "tlsCertificatePem"),
                    privateKey(request.tlsPrivateKeyPem(), "tlsPrivateKeyPem"), "tlsPrivateKeyPem");
        }
        return certificate;
    }

    private void forgetKeys(FabricIdentity identity) {
        secrets.forget(identity.keySecretId());
        if (identity.tlsKeySecretId() != null) {
            secrets.forget(identity.tlsKeySecretId());
        }
    }

    private Organization organization(UUID orgId) {
        return organizations.findById(orgId).filter(o -> !o.deleted())
                .orElseThrow(() -> new NotFoundException("organization", orgId));
    }

    private static NotFoundException missing(UUID orgId, String mspId) {
        return new NotFoundException("Organization " + orgId + " has no Fabric identity for MSP '" + mspId + "'");
    }

    private static void checkMspId(String mspId) {
        if (!MSP_ID.matcher(mspId).matches()) {
            throw new InvalidRequestException("mspId", "must be an MSP id such as Org1MSP (letters, digits, '.', '_', "
                    + "'-'; at most 64)");
        }
    }

    private static X509Certificate certificate(String pem, String field) {
        X509Certificate certificate;
        try {
            certificate = Identities.readX509Certificate(pem.strip());
        } catch (CertificateException | RuntimeException e) {
            throw new InvalidRequestException(field, "is not a PEM X.509 certificate");
        }
        try {
            certificate.checkValidity();
        } catch (CertificateException e) {
            throw new InvalidRequestException(field, "is not valid now (valid from "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")");
        }
        return certificate;
    }

    private static PrivateKey privateKey(String pem, String field) {
        try {
            return Identities.readPrivateKey(pem.strip());
        } catch (InvalidKeyException | RuntimeException e) {
            // never echo the value
            throw new InvalidRequestException(field, "is not a PEM private key (PKCS#8 or EC)");
        }
    }

    /** The key ({@code field}) must sign what the certificate's public key verifies. */
    private void checkPair(X509Certificate certificate, PrivateKey key, String field) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "RSA" -> {
                if (!field.startsWith("tls")) {
                    throw new InvalidRequestException(field, "must be an EC or Ed25519 key (Fabric MSPs), is RSA");
                }
                yield "SHA256withRSA"; // some TLS CAs issue RSA certificates
            }
            default -> throw new InvalidRequestException(field, "must be an EC or Ed25519 key (Fabric MSPs), "
                    + "is " + key.getAlgorithm());
        };
        byte[] challenge = new byte[32];
        random.nextBytes(challenge);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            matches = false;
        }
        if (!matches) {
            throw new InvalidRequestException(field, "does not match the certificate's public key");
        }
    }

    private FabricIdentityResponse view(FabricIdentity identity) {
        X509Certificate certificate;
        try {
            certificate = Identities.readX509Certificate(identity.certificatePem());
        } catch (CertificateException e) {
            throw new IllegalStateException("stored certificate of MSP " + identity.mspId() + " does not parse", e);
        }
        FabricIdentityResponse.TlsCertificate tls = null;
        if (identity.tlsCertificatePem() != null) {
            X509Certificate tlsCertificate;
            try {
                tlsCertificate = Identities.readX509Certificate(identity.tlsCertificatePem());
            } catch (CertificateException e) {
                throw new IllegalStateException("stored TLS certificate of MSP " + identity.mspId() + " does not parse",
                        e);
            }
            tls = new FabricIdentityResponse.TlsCertificate(tlsCertificate.getSubjectX500Principal().getName(),
                    tlsCertificate.getIssuerX500Principal().getName(), tlsCertificate.getNotAfter().toInstant(),
                    fingerprint(tlsCertificate), identity.tlsCertificatePem());
        }
        return new FabricIdentityResponse(identity.orgId(), identity.mspId(),
                certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                certificate.getSerialNumber().toString(16), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), fingerprint(certificate), identity.certificatePem(),
                secrets.view(identity.keySecretId()), identity.createdAt(), identity.updatedAt(), identity.version(),
                tls, identity.tlsKeySecretId() == null ? null : secrets.view(identity.tlsKeySecretId()));
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
