package io.chainwatch.identity;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Spring Authorization Server as the OIDC provider: discovery, keys, authorization and token endpoints, user info and
 * sign-out in one filter chain; the sign-in form in another. The console is registered as a public client
 * (authorization code with PKCE, no secret). Access and ID tokens carry the person's ChainWatch roles ({@code roles})
 * and organization id ({@code org}), the claims the gateway maps to a caller. Keys are made at start (in memory).
 */
@Configuration
public class AuthorizationServerConfig {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http) throws Exception {
        OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
        http.securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.oidc(Customizer.withDefaults()))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .cors(Customizer.withDefaults())
                // a browser that is not signed in is sent to the sign-in page
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain signInChain(HttpSecurity http, SignInThrottle throttle) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler() {
            @Override
            public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                    Authentication authentication) throws ServletException, IOException {
                throttle.succeeded(authentication.getName());
                super.onAuthenticationSuccess(request, response, authentication);
            }
        };
        SimpleUrlAuthenticationFailureHandler failure = new SimpleUrlAuthenticationFailureHandler("/login?error") {
            @Override
            public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                    AuthenticationException exception) throws IOException, ServletException {
                throttle.failed(request.getParameter("username"), request.getRemoteAddr());
                super.onAuthenticationFailure(request, response, exception);
            }
        };
        http.authorizeHttpRequests(a -> a
                        // actuator endpoints live on the loopback management port only (the sign-in port answers 404 there)
                        .requestMatchers("/actuator/**", "/error", "/login").permitAll()
                        .anyRequest().authenticated())
                .cors(Customizer.withDefaults())
                .formLogin(f -> f.successHandler(success).failureHandler(failure))
                .addFilterBefore(throttle, UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    /** The throttle runs inside the sign-in filter chain only, not a second time as a plain servlet filter. */
    @Bean
    FilterRegistrationBean<SignInThrottle> throttleNotAsServletFilter(SignInThrottle throttle) {
        FilterRegistrationBean<SignInThrottle> registration = new FilterRegistrationBean<>(throttle);
        registration.setEnabled(false);
        return registration;
    }

    @Bean
    RegisteredClientRepository clients(IdentityProperties properties) {
        IdentityProperties.Console console = properties.console();
        RegisteredClient.Builder client = RegisteredClient.withId(UUID.nameUUIDFromBytes(
                        console.clientId().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                .clientId(console.clientId())
                .clientName("ChainWatch console")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.tokenTtl())
                        .authorizationCodeTimeToLive(Duration.ofMinutes(2)).build());
        console.redirectUris().forEach(client::redirectUri);
        console.postLogoutRedirectUris().forEach(client::postLogoutRedirectUri);
        if (console.redirectUris().isEmpty()) {
            throw new IllegalStateException("chainwatch.identity.console.redirect-uris must name the console's "
                    + "callback, e.g. http://127.0.0.1:8080/auth/callback");
        }
        return new InMemoryRegisteredClientRepository(client.build());
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        if (properties.issuer() == null || properties.issuer().isBlank()) {
            throw new IllegalStateException("chainwatch.identity.issuer must be this provider's public URL");
        }
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    /** The claims the gateway reads: {@code roles} (e.g. {@code ["org-admin"]}) and {@code org} (an id). */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> chainwatchClaims(IdentityUsers users) {
        return context -> {
            boolean access = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean id = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (!access && !id) {
                return;
            }
            users.find(context.getPrincipal().getName()).ifPresent(user -> {
                context.getClaims().claim("roles", user.roles());
                if (user.org() != null && !user.org().isBlank()) {
                    context.getClaims().claim("org", user.org());
                }
                context.getClaims().claim("preferred_username", user.username());
            });
        };
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource(IdentityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsOrigins());
        cors.setAllowedMethods(List.of("GET", "POST"));
        cors.setAllowedHeaders(List.of("Content-Type", "Authorization"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        Set<String> paths = new HashSet<>(List.of("/oauth2/**", "/.well-known/**", "/userinfo", "/connect/**"));
        paths.forEach(p -> source.registerCorsConfiguration(p, cors));
        return source;
    }
}
