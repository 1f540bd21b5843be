package io.chainwatch.registry.fabric;

import java.security.interfaces.ECPublicKey;
import java.util.UUID;

import io.chainwatch.events.FabricIdentitySecret;
import io.chainwatch.registry.node.SealedIdentities;
import io.chainwatch.registry.secret.SecretStore;
import io.chainwatch.security.InternalKeys;
import io.chainwatch.security.SealedSecrets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Hands the collectors the Fabric identities organizations stored here, without letting anyone else read them: an
 * identity is sealed ({@link SealedSecrets}) with the collectors' public key
 * ({@code chainwatch.registry.collector-key.public-key}, env {@code CHAINWATCH_REGISTRY_COLLECTOR_KEY_PUBLIC_KEY})
 * into the node's target, which reaches the collectors through the outbox and the targets topic. Only the holder of
 * the matching private key — the collectors' {@code chainwatch.collector.identity-key.private-key} — opens it.
 *
 * <p>Without a collector key nothing is sealed: the collectors then read identities from their own directory.
 */
@Component
public class CollectorIdentities implements SealedIdentities {

    private static final Logger log = LoggerFactory.getLogger(CollectorIdentities.class);

    private final FabricIdentityRepository identities;
    private final SecretStore secrets;
    private final JsonMapper json;
    private final ECPublicKey collectorKey;

    CollectorIdentities(FabricIdentityRepository identities, SecretStore secrets, JsonMapper json,
            @Value("${chainwatch.registry.collector-key.public-key:}") String collectorKey) {
        this.identities = identities;
        this.secrets = secrets;
        this.json = json;
        this.collectorKey = collectorKey.isBlank() ? null : InternalKeys.decodePublic(collectorKey);
        if (this.collectorKey == null) {
            log.info("no collector key (chainwatch.registry.collector-key.public-key): Fabric identities stay in the"
                    + " registry; collectors use their own identity directory");
        } else {
            log.info("Fabric identities are sealed for collector key {}", SealedSecrets.fingerprint(this.collectorKey));
        }
    }

    @Override
    public String keyFingerprint() {
        return collectorKey == null ? null : SealedSecrets.fingerprint(collectorKey);
    }

    @Override
    public String sealed(UUID orgId, String mspId) {
        if (collectorKey == null || mspId == null) {
            return null;
        }
        return identities.find(orgId, mspId, false)
                .map(stored -> SealedSecrets.seal(collectorKey, FabricIdentitySecret.PURPOSE, json.writeValueAsString(
                        new FabricIdentitySecret(mspId, stored.certificatePem(), secrets.reveal(stored.keySecretId()),
                                stored.tlsCertificatePem(), stored.tlsKeySecretId() == null ? null
                                        : secrets.reveal(stored.tlsKeySecretId())))))
                .orElse(null);
    }
}
