package io.chainwatch.registry.support;

import java.net.InetAddress;
import java.util.Locale;

import io.chainwatch.security.SecurityProperties;
import io.chainwatch.security.UrlGuard;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The {@link UrlGuard} of the tests: the configured policy, but host names under the reserved documentation domains
 * ({@code example}, {@code example.org}, {@code example.com}...) resolve to 203.0.113.10 (TEST-NET-3, a public
 * address for the guard) without DNS, which the build machine may not have; {@code *.internal.example} resolves to
 * 10.0.0.5 (private) and {@code metadata.example} to 169.254.169.254 (link-local), to test the refusals.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestUrlGuardConfig {

    @Bean
    UrlGuard urlGuard(SecurityProperties properties) {
        SecurityProperties.Urls urls = properties.urls();
        return new UrlGuard(new UrlGuard.Policy(urls.allowLoopback(), urls.allowPrivate(), urls.allowLinkLocal()),
                TestUrlGuardConfig::resolve);
    }

    static InetAddress[] resolve(String host) throws java.net.UnknownHostException {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".internal.example")) {
            return new InetAddress[] {InetAddress.getByAddress(name, new byte[] {10, 0, 0, 5})};
        }
        if (name.equals("metadata.example")) {
            return new InetAddress[] {InetAddress.getByAddress(name, new byte[] {(byte) 169, (byte) 254, (byte) 169,
                    (byte) 254})};
        }
        if (name.equals("example") || name.endsWith(".example") || name.endsWith(".example.org")
                || name.endsWith(".example.com") || name.endsWith(".example.net")) {
            return new InetAddress[] {InetAddress.getByAddress(name, new byte[] {(byte) 203, 0, 113, 10})};
        }
        return InetAddress.getAllByName(host);
    }
}
