package io.chainwatch.registry.secret;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.support.RegistryTestBase;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Key rotation on real PostgreSQL: with a new key active, the rotation job re-encrypts every secret under it,
 * after which the old key is no longer needed; rotating back restores the configured state.
 */
class SecretRotationIT extends RegistryTestBase {

    private static final String DEV_KEY = "yim9MiySNXPqjWyAw5uQmeSnuZmCNPA8dm5bO3Q5DTs=";

    @Autowired
    private SecretRepository repository;

    @Autowired
    private SecretStore store;

    @Autowired
    private TransactionTemplate transaction;

    @Test
    void unkeyedFingerprintsOfEarlierSecretsAreReplacedByKeyedOnes() {
        UUID orgId = UUID.fromString(createOrganization("fingerprints"));
        UUID secretId = transaction.execute(status -> store.store(orgId, "token", "short"));
        // as stored before fingerprints were keyed: sha256 of the value, the same in every organization
        jdbc.sql("update registry.secret set fingerprint = 'sha256:f9b0078b5df596d2' where id = :id")
                .param("id", secretId).update();
        SecretCipher cipher = SecretCipherTest.cipher("dev-local-only", Map.of("dev-local-only", DEV_KEY));
        int migrated = new SecretRotation(repository, cipher, transaction).migrateFingerprints();
        assertThat(migrated).isGreaterThanOrEqualTo(1);
        assertThat(store.view(secretId).fingerprint()).isEqualTo(cipher.fingerprint(orgId, "short"))
                .startsWith("hmac:");
        assertThat(new SecretRotation(repository, cipher, transaction).migrateFingerprints()).isZero();
    }

    @Test
    void rotationReencryptsEverySecretUnderTheActiveKey() {
        UUID orgId = UUID.fromString(createOrganization("rotation"));
        UUID secretId = transaction.execute(status -> store.store(orgId, "token", "rotate-me"));
        String fingerprint = store.view(secretId).fingerprint();

        SecretCipher toNew = SecretCipherTest.cipher("k2", Map.of("dev-local-only", DEV_KEY, "k2", SecretCipherTest.KEY_B));
        int rotated = new SecretRotation(repository, toNew, transaction).rotate();
        assertThat(rotated).isGreaterThanOrEqualTo(1);
        assertThat(keyIds()).containsOnly("k2");
        SecretRepository.Row row = repository.findById(secretId).orElseThrow();
        SecretCipher onlyNew = SecretCipherTest.cipher("k2", Map.of("k2", SecretCipherTest.KEY_B));
        assertThat(onlyNew.decrypt(secretId, row.keyId(), row.ciphertext())).isEqualTo("rotate-me");
        assertThat(store.view(secretId).fingerprint()).as("fingerprint survives rotation").isEqualTo(fingerprint);
        assertThat(new SecretRotation(repository, toNew, transaction).rotate()).as("nothing left to do").isZero();

        SecretCipher back = SecretCipherTest.cipher("dev-local-only", Map.of("dev-local-only", DEV_KEY,
                "k2", SecretCipherTest.KEY_B));
        assertThat(new SecretRotation(repository, back, transaction).rotate()).isEqualTo(rotated);
        assertThat(keyIds()).containsOnly("dev-local-only");
        assertThat(store.reveal(secretId)).isEqualTo("rotate-me");
    }

    private List<String> keyIds() {
        return jdbc.sql("select distinct key_id from registry.secret").query(String.class).list();
    }
}
