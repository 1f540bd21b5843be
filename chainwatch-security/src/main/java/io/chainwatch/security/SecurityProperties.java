package io.chainwatch.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code chainwatch.security.*}: the internal-token key the service verifies with, and which address ranges user
 * URLs may point to.
 *
 * @param internalToken the gateway's public key and this service's audience name
 * @param urls          ranges user URLs may use besides public addresses
 */
@ConfigurationProperties("chainwatch.security")
public record SecurityProperties(InternalToken internalToken, Urls urls) {

    public SecurityProperties {
        internalToken = internalToken == null ? new InternalToken(null, null) : internalToken;
        urls = urls == null ? new Urls(false, false, false) : urls;
    }

    /**
     * @param publicKey base64 X.509 EC P-256 public key of the gateway (env CHAINWATCH_INTERNAL_TOKEN_PUBLIC_KEY)
     * @param audience  the name tokens must be issued for; default: {@code spring.application.name}
     */
    public record InternalToken(String publicKey, String audience) {
    }

    /**
     * @param allowLoopback  allow 127.0.0.0/8 and ::1 (the local stack, where the chain runs on the same machine)
     * @param allowPrivate   allow private ranges (a consortium monitoring nodes in its own network)
     * @param allowLinkLocal allow 169.254/16 and fe80::/10 (almost never: the cloud metadata service lives there)
     */
    public record Urls(boolean allowLoopback, boolean allowPrivate, boolean allowLinkLocal) {
    }
}
