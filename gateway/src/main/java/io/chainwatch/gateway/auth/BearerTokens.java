package io.chainwatch.gateway.auth;

import java.util.List;

import io.chainwatch.gateway.ChainwatchGatewayProperties;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Validates people's bearer tokens (JWT): signature against the issuer's keys, expiry, issuer, and audience when
 * one is configured. The issuer is the OIDC provider of {@code chainwatch.gateway.jwt.issuer-uri} (keys found by OIDC
 * discovery): a company's, or in the local stack and docker-compose the identity service.
 */
@Component
public class BearerTokens {

    private final ReactiveJwtDecoder decoder;

    public BearerTokens(ChainwatchGatewayProperties properties) {
        ChainwatchGatewayProperties.Jwt jwt = properties.jwt();
        if (jwt.issuerUri() != null && !jwt.issuerUri().isBlank()) {
            NimbusReactiveJwtDecoder external = NimbusReactiveJwtDecoder.withIssuerLocation(jwt.issuerUri()).build();
            external.setJwtValidator(validator(jwt.issuerUri(), jwt.audience()));
            this.decoder = external;
        } else {
            this.decoder = null;
        }
    }

    /** Whether bearer tokens are accepted at all (an issuer is configured). */
    public boolean enabled() {
        return decoder != null;
    }

    /** The validated token; an error {@link org.springframework.security.oauth2.jwt.JwtException} otherwise. */
    public Mono<Jwt> decode(String token) {
        return decoder.decode(token);
    }

    private static OAuth2TokenValidator<Jwt> validator(String issuer, String audience) {
        OAuth2TokenValidator<Jwt> standard = JwtValidators.createDefaultWithIssuer(issuer);
        if (audience == null || audience.isBlank()) {
            return standard;
        }
        OAuth2TokenValidator<Jwt> aud = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                values -> values != null && values.contains(audience));
        return new DelegatingOAuth2TokenValidator<>(standard, aud);
    }
}
