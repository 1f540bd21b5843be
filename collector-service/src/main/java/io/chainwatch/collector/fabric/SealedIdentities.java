package io.chainwatch.collector.fabric;

import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;

import io.chainwatch.events.FabricIdentitySecret;
import io.chainwatch.events.FabricTarget;
import io.chainwatch.security.InternalKeys;
import io.chainwatch.security.SealedSecrets;

import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The identity the registry holds for the node's organization and MSP, sealed into the target for the collectors'
 * key ({@link FabricTarget#sealedIdentity()}); opened here with the private half,
 * {@code chainwatch.collector.identity-key.private-key}. A target without one falls back to the
 * {@link DirectoryIdentities directory}. The opened key lives only in the Gateway client's signer: it is never
 * logged, and no error message carries any of it.
 */
@Component
@Primary
public class SealedIdentities implements FabricIdentities {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ECPrivateKey collectorKey;
    private final FabricIdentities fallback;

    @Autowired
    SealedIdentities(@Value("${chainwatch.collector.identity-key.private-key:}") String collectorKey,
            DirectoryIdentities fallback) {
        this(collectorKey.isBlank() ? null : InternalKeys.decodePrivate(collectorKey), fallback);
    }

    /** With the collectors' private key ({@code null}: none configured) and the identities to use otherwise. */
    public SealedIdentities(ECPrivateKey collectorKey, FabricIdentities fallback) {
        this.collectorKey = collectorKey;
        this.fallback = fallback;
    }

    @Override
    public FabricIdentity forTarget(FabricTarget fabric) {
        if (fabric.sealedIdentity() == null || fabric.sealedIdentity().isBlank()) {
            return fallback.forTarget(fabric);
        }
        if (collectorKey == null) {
            throw new IdentityNotFoundException("the registry sent a sealed identity for MSP " + fabric.mspId()
                    + " but this collector has no key to open it (chainwatch.collector.identity-key.private-key)");
        }
        FabricIdentitySecret secret;
        try {
            secret = JSON.readValue(SealedSecrets.open(collectorKey, FabricIdentitySecret.PURPOSE,
                    fabric.sealedIdentity()), FabricIdentitySecret.class);
        } catch (SealedSecrets.CannotOpenException e) {
            throw new IdentityNotFoundException("sealed identity for MSP " + fabric.mspId() + ": " + e.getMessage());
        } catch (JacksonException e) {
            throw new IdentityNotFoundException("sealed identity for MSP " + fabric.mspId() + " is not an identity");
        }
        if (!fabric.mspId().equals(secret.mspId())) {
            throw new IdentityNotFoundException("sealed identity is of MSP " + secret.mspId() + ", the node's is "
                    + fabric.mspId());
        }
        X509Certificate certificate;
        PrivateKey key;
        try {
            certificate = Identities.readX509Certificate(new StringReader(secret.certificatePem()));
            key = Identities.readPrivateKey(new StringReader(secret.privateKeyPem()));
        } catch (java.io.IOException | GeneralSecurityException | RuntimeException e) {
            // only the type: a parser's message could quote the key
            throw new IdentityNotFoundException("sealed identity for MSP " + fabric.mspId()
                    + " holds no readable certificate and key: " + e.getClass().getSimpleName());
        }
        FabricIdentity.TlsClient tlsClient = null;
        if (secret.tlsCertificatePem() != null && secret.tlsPrivateKeyPem() != null) {
            tlsClient = new FabricIdentity.TlsClient(secret.tlsCertificatePem(), secret.tlsPrivateKeyPem());
        }
        return new FabricIdentity(new X509Identity(secret.mspId(), certificate), Signers.newPrivateKeySigner(key),
                tlsClient);
    }
}
