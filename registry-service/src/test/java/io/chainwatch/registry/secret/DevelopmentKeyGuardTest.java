package io.chainwatch.registry.secret;

import java.time.Duration;
import java.util.Map;

import io.chainwatch.registry.RegistryProperties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The service refuses to start with the published development key active, unless explicitly allowed. */
class DevelopmentKeyGuardTest {

    private static final String OWN_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(RegistryProperties.class)
    @Import(DevelopmentKeyGuard.class)
    static class GuardOnly {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(GuardOnly.class)
            .withPropertyValues("chainwatch.registry.secrets.keys.dev-local-only=" + DevelopmentKeyGuard.DEV_KEY_VALUE,
                    "chainwatch.registry.secrets.keys.prod=" + OWN_KEY);

    private static RegistryProperties.Secrets secrets(String active, Map<String, String> keys) {
        return new RegistryProperties.Secrets(active, keys, Duration.ofHours(1));
    }

    @Test
    void theContextDoesNotStartWithTheDevelopmentKeyActiveByDefault() {
        context.withPropertyValues("chainwatch.registry.secrets.active-key=dev-local-only").run(started -> {
            assertThat(started).hasFailed();
            Throwable failure = started.getStartupFailure();
            assertThat(failure).hasRootCauseInstanceOf(DevelopmentKeyGuard.DevelopmentKeyRefusedException.class);
            String message = org.springframework.core.NestedExceptionUtils.getRootCause(failure).getMessage();
            assertThat(message)
                    .contains("CHAINWATCH_REGISTRY_SECRETS_ACTIVE_KEY", "CHAINWATCH_REGISTRY_SECRETS_KEYS_<ID>",
                            "CHAINWATCH_REGISTRY_SECRETS_ALLOW_DEVELOPMENT_KEY");
            // the key's value is public anyway, but the message names ids and variables only
            assertThat(message).doesNotContain(DevelopmentKeyGuard.DEV_KEY_VALUE);

            FailureAnalysis analysis = new DevelopmentKeyFailureAnalyzer().analyze(failure);
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains("dev-local-only");
            assertThat(analysis.getAction()).contains("CHAINWATCH_REGISTRY_SECRETS_KEYS_<ID>",
                    "CHAINWATCH_REGISTRY_SECRETS_ACTIVE_KEY", "CHAINWATCH_REGISTRY_SECRETS_ALLOW_DEVELOPMENT_KEY=true");
        });
    }

    @Test
    void theContextStartsWhenTheDevelopmentKeyIsExplicitlyAllowed() {
        context.withPropertyValues("chainwatch.registry.secrets.active-key=dev-local-only",
                "chainwatch.registry.secrets.allow-development-key=true").run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void theContextStartsWithAnOwnKeyActiveWhileTheDevelopmentKeyOnlyDecryptsOldRows() {
        context.withPropertyValues("chainwatch.registry.secrets.active-key=prod")
                .run(started -> assertThat(started).hasNotFailed());
    }

    @Test
    void thePublishedValueIsRefusedUnderAnyId() {
        assertThatThrownBy(() -> DevelopmentKeyGuard.check(
                secrets("renamed", Map.of("renamed", DevelopmentKeyGuard.DEV_KEY_VALUE)), false))
                .isInstanceOf(DevelopmentKeyGuard.DevelopmentKeyRefusedException.class)
                .hasMessageContaining("'renamed'");
        assertThatCode(() -> DevelopmentKeyGuard.check(
                secrets("renamed", Map.of("renamed", DevelopmentKeyGuard.DEV_KEY_VALUE)), true))
                .doesNotThrowAnyException();
        assertThatCode(() -> DevelopmentKeyGuard.check(secrets("prod", Map.of("prod", OWN_KEY)), false))
                .doesNotThrowAnyException();
    }
}
