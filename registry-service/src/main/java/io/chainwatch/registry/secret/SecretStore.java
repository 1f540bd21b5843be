package io.chainwatch.registry.secret;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Stores, reveals and forgets secrets; features keep only the returned id. */
@Service
public class SecretStore {

    private final SecretRepository secrets;
    private final SecretCipher cipher;

    SecretStore(SecretRepository secrets, SecretCipher cipher) {
        this.secrets = secrets;
        this.cipher = cipher;
    }

    /**
     * Encrypts and stores a secret of an organization, in the caller's transaction.
     *
     * @param purpose what it is, e.g. {@code access-key}
     * @return the new secret's id
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID store(UUID orgId, String purpose, String plaintext) {
        UUID id = UUID.randomUUID();
        secrets.insert(new SecretRepository.Row(id, orgId, purpose, cipher.activeKeyId(), cipher.encrypt(id, plaintext),
                cipher.fingerprint(orgId, plaintext)), Instant.now());
        return id;
    }

    /** Set + fingerprint of a stored secret; {@link SecretView#NOT_SET} for {@code null}. */
    public SecretView view(UUID id) {
        if (id == null) {
            return SecretView.NOT_SET;
        }
        return secrets.findById(id).map(row -> new SecretView(true, row.fingerprint())).orElse(SecretView.NOT_SET);
    }

    /** The plaintext, for adapters that must present it to a platform; never for API responses. */
    public String reveal(UUID id) {
        SecretRepository.Row row = secrets.findById(id)
                .orElseThrow(() -> new IllegalStateException("secret " + id + " does not exist"));
        return cipher.decrypt(row.id(), row.keyId(), row.ciphertext());
    }

    /** Deletes a secret (no-op for {@code null}), in the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void forget(UUID id) {
        if (id != null) {
            secrets.delete(id);
        }
    }
}
