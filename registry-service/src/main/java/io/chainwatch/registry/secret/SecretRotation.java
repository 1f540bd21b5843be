package io.chainwatch.registry.secret;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Key rotation: re-encrypts, batch by batch, every secret still under another key than the active one. Safe with
 * several instances (rows are locked with {@code SKIP LOCKED}). Once it has run, the old key can be removed from
 * the configuration.
 */
@Component
public class SecretRotation {

    private static final Logger log = LoggerFactory.getLogger(SecretRotation.class);
    private static final int BATCH = 200;

    private final SecretRepository secrets;
    private final SecretCipher cipher;
    private final TransactionTemplate transaction;

    SecretRotation(SecretRepository secrets, SecretCipher cipher, TransactionTemplate transaction) {
        this.secrets = secrets;
        this.cipher = cipher;
        this.transaction = transaction;
    }

    @Scheduled(fixedDelayString = "${chainwatch.registry.secrets.rotation-interval:1h}",
            initialDelayString = "${chainwatch.registry.secrets.rotation-interval:1h}")
    void scheduledRotation() {
        try {
            rotate();
            migrateFingerprints();
        } catch (RuntimeException e) {
            log.warn("secret re-encryption failed; the next run retries", e);
        }
    }

    /**
     * Replaces the unkeyed fingerprints of secrets stored before fingerprints were keyed ({@code sha256:} of the
     * value) with keyed ones; at start, then with every rotation. Returns how many.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    public int migrateFingerprints() {
        int total = 0;
        while (true) {
            Integer done = transaction.execute(status -> {
                List<SecretRepository.Row> batch = secrets.lockUnkeyedFingerprints(BATCH);
                for (SecretRepository.Row row : batch) {
                    String plain = cipher.decrypt(row.id(), row.keyId(), row.ciphertext());
                    secrets.setFingerprint(row.id(), cipher.fingerprint(row.orgId(), plain));
                }
                return batch.size();
            });
            if (done == null || done == 0) {
                break;
            }
            total += done;
        }
        if (total > 0) {
            log.info("replaced the unkeyed fingerprints of {} secrets", total);
        }
        return total;
    }

    /** Re-encrypts every secret not under the active key; returns how many. */
    public int rotate() {
        int total = 0;
        while (true) {
            Integer done = transaction.execute(status -> {
                List<SecretRepository.Row> batch = secrets.lockNotUnder(cipher.activeKeyId(), BATCH);
                for (SecretRepository.Row row : batch) {
                    String plain = cipher.decrypt(row.id(), row.keyId(), row.ciphertext());
                    secrets.rewrap(row.id(), cipher.activeKeyId(), cipher.encrypt(row.id(), plain));
                }
                return batch.size();
            });
            if (done == null || done == 0) {
                break;
            }
            total += done;
        }
        if (total > 0) {
            log.info("re-encrypted {} secrets under key '{}'", total, cipher.activeKeyId());
        }
        return total;
    }
}
