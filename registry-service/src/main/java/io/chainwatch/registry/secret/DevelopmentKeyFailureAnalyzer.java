package io.chainwatch.registry.secret;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link DevelopmentKeyGuard}'s refusal into Spring Boot's "APPLICATION FAILED TO START" report, with what
 * to set (registered in {@code META-INF/spring.factories}).
 */
class DevelopmentKeyFailureAnalyzer
        extends AbstractFailureAnalyzer<DevelopmentKeyGuard.DevelopmentKeyRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DevelopmentKeyGuard.DevelopmentKeyRefusedException cause) {
        return new FailureAnalysis(
                "Secrets would be encrypted with the development key '" + cause.activeKey() + "', whose value is "
                        + "published in application.yml: anyone could decrypt them.",
                "Generate a key (openssl rand -base64 32), set it as CHAINWATCH_REGISTRY_SECRETS_KEYS_<ID>=<base64> "
                        + "and make it active with CHAINWATCH_REGISTRY_SECRETS_ACTIVE_KEY=<id> (ids from the "
                        + "environment are lower case). Only for tests and local runs: set "
                        + DevelopmentKeyGuard.ALLOW_ENV + "=true (property " + DevelopmentKeyGuard.ALLOW_PROPERTY
                        + "=true).",
                cause);
    }
}
