package io.chainwatch.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Gives every service that depends on this module a {@link UrlGuard} and — in a servlet service — the
 * {@link CallerFilter}. A servlet service without {@code chainwatch.security.internal-token.public-key} does not
 * start: it would otherwise have no way to tell the gateway's requests from anyone's.
 */
@AutoConfiguration
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    UrlGuard urlGuard(SecurityProperties properties) {
        SecurityProperties.Urls urls = properties.urls();
        return new UrlGuard(new UrlGuard.Policy(urls.allowLoopback(), urls.allowPrivate(), urls.allowLinkLocal()));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class ServletCallers {

        @Bean
        @ConditionalOnMissingBean
        InternalTokenVerifier internalTokenVerifier(SecurityProperties properties,
                @Value("${spring.application.name:}") String applicationName) {
            SecurityProperties.InternalToken config = properties.internalToken();
            if (config.publicKey() == null || config.publicKey().isBlank()) {
                throw new IllegalStateException("chainwatch.security.internal-token.public-key is not set (env"
                        + " CHAINWATCH_INTERNAL_TOKEN_PUBLIC_KEY): the gateway's public key is needed to accept its"
                        + " requests; `java -cp chainwatch-security.jar io.chainwatch.security.InternalKeys` makes a"
                        + " key pair");
            }
            String audience = config.audience() == null || config.audience().isBlank() ? applicationName
                    : config.audience();
            return new InternalTokenVerifier(InternalKeys.decodePublic(config.publicKey()), audience);
        }

        /** Tomcat's own error pages (e.g. for {@code %00} in a path) as RFC 9457 problems. */
        @Bean
        @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(
                name = "org.springframework.boot.tomcat.TomcatWebServer")
        static ProblemErrorReportValve.Installer problemErrorReportValve() {
            return new ProblemErrorReportValve.Installer();
        }

        @Bean
        FilterRegistrationBean<CallerFilter> callerFilter(InternalTokenVerifier verifier) {
            FilterRegistrationBean<CallerFilter> registration = new FilterRegistrationBean<>(
                    new CallerFilter(verifier));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
            registration.addUrlPatterns("/api/*", "/internal/*");
            return registration;
        }
    }
}
