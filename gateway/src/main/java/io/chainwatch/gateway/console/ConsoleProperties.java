package io.chainwatch.gateway.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web console ({@code chainwatch.gateway.console.*}).
 *
 * @param enabled    serve the console at {@code /}
 * @param issuer     the OIDC provider the console signs people in at; blank: the gateway's
 *                   {@code chainwatch.gateway.jwt.issuer-uri}
 * @param clientId   the console's (public) client id at that provider
 * @param grafanaUrl Grafana's URL for the console's dashboard links; blank: no links
 */
@ConfigurationProperties("chainwatch.gateway.console")
public record ConsoleProperties(@DefaultValue("true") boolean enabled, String issuer,
                                @DefaultValue("chainwatch-console") String clientId, String grafanaUrl) {
}
