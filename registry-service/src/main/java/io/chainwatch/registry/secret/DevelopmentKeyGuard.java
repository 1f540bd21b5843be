package io.chainwatch.registry.secret;

import java.util.Base64;
import java.util.Map;

import io.chainwatch.registry.RegistryProperties;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Refuses to start while secrets would be encrypted with the development key that application.yml publishes
 * (id {@value SecretCipher#DEV_KEY_ID}, or its value under any other id), unless
 * {@value #ALLOW_PROPERTY} is {@code true} (env {@value #ALLOW_ENV}): tests and local runs only. Deployments set
 * their own key instead (env {@code CHAINWATCH_REGISTRY_SECRETS_KEYS_<ID>} and
 * {@code CHAINWATCH_REGISTRY_SECRETS_ACTIVE_KEY}). The failure is explained by
 * {@link DevelopmentKeyFailureAnalyzer}.
 */
@Component
class DevelopmentKeyGuard {

    static final String ALLOW_PROPERTY = "chainwatch.registry.secrets.allow-development-key";
    static final String ALLOW_ENV = "CHAINWATCH_REGISTRY_SECRETS_ALLOW_DEVELOPMENT_KEY";
    /** The published value of the development key (application.yml); never a secret. */
    static final String DEV_KEY_VALUE = "yim9MiySNXPqjWyAw5uQmeSnuZmCNPA8dm5bO3Q5DTs=";

    DevelopmentKeyGuard(RegistryProperties properties,
            @Value("${" + ALLOW_PROPERTY + ":false}") boolean developmentKeyAllowed) {
        check(properties.secrets(), developmentKeyAllowed);
    }

    /** Throws {@link DevelopmentKeyRefusedException} when the active key is the published one and that is not allowed. */
    static void check(RegistryProperties.Secrets secrets, boolean developmentKeyAllowed) {
        if (secrets == null || developmentKeyAllowed) {
            return;
        }
        String activeKey = secrets.activeKey();
        Map<String, String> keys = secrets.keys() == null ? Map.of() : secrets.keys();
        if (SecretCipher.DEV_KEY_ID.equals(activeKey) || isPublishedValue(keys.get(activeKey))) {
            throw new DevelopmentKeyRefusedException(activeKey);
        }
    }

    private static boolean isPublishedValue(String base64) {
        if (base64 == null) {
            return false;
        }
        try {
            return java.util.Arrays.equals(Base64.getDecoder().decode(base64.strip()),
                    Base64.getDecoder().decode(DEV_KEY_VALUE));
        } catch (IllegalArgumentException notBase64) {
            return false; // SecretCipher reports it
        }
    }

    /** The active secret key is the published development key and it was not allowed. */
    static final class DevelopmentKeyRefusedException extends IllegalStateException {

        private final String activeKey;

        DevelopmentKeyRefusedException(String activeKey) {
            super("refusing to start: the active secret key '" + activeKey + "' is the development key published in "
                    + "application.yml. Set your own key (CHAINWATCH_REGISTRY_SECRETS_KEYS_<ID>=base64 of 32 random "
                    + "bytes, e.g. `openssl rand -base64 32`) and make it active (CHAINWATCH_REGISTRY_SECRETS_ACTIVE_KEY"
                    + "=<id>); for tests and local runs only, allow the development key with " + ALLOW_ENV
                    + "=true (" + ALLOW_PROPERTY + ")");
            this.activeKey = activeKey;
        }

        String activeKey() {
            return activeKey;
        }
    }
}
