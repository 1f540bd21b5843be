package io.chainwatch.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a URL a user gives (a node's RPC endpoint, a webhook, a platform's base URL, a database to read) before
 * ChainWatch stores it or connects to it, so that the API cannot be used to reach what sits next to ChainWatch:
 * every address the host resolves to must be public unless the {@link Policy} allows its range.
 * <ul>
 *   <li>loopback (127.0.0.0/8, ::1) — only with {@code allowLoopback} (the local stack);</li>
 *   <li>private (10/8, 172.16/12, 192.168/16, 100.64/10 carrier-grade NAT, fc00::/7, fec0::/10, 0/8, 198.18/15)
 *   — only with {@code allowPrivate} (monitoring a consortium's own network);</li>
 *   <li>link-local (169.254/16 with the cloud metadata service, fe80::/10) — only with {@code allowLinkLocal};</li>
 *   <li>unspecified (0.0.0.0, ::), multicast, 240/4 — never.</li>
 * </ul>
 * A host that does not resolve is rejected too. Connecting code should also use {@link #problem(InetAddress)} on
 * the address it actually connects to (a name may resolve differently later) and must not follow redirects.
 */
public final class UrlGuard {

    /** Which ranges are allowed. */
    public record Policy(boolean allowLoopback, boolean allowPrivate, boolean allowLinkLocal) {

        /** Public addresses only: production default. */
        public static final Policy PUBLIC_ONLY = new Policy(false, false, false);
    }

    /** Resolves a host name; replaceable in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Policy policy;
    private final Resolver resolver;

    public UrlGuard(Policy policy) {
        this(policy, InetAddress::getAllByName);
    }

    public UrlGuard(Policy policy, Resolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    public Policy policy() {
        return policy;
    }

    /**
     * Checks an absolute URL with one of {@code schemes}; returns it parsed, or throws {@link UnsafeUrlException}
     * naming {@code field} and saying why (the value itself is not repeated back).
     */
    public URI check(String field, String url, Set<String> schemes) {
        if (url == null || url.isBlank()) {
            throw new UnsafeUrlException(field, "is required");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new UnsafeUrlException(field, "is not a valid URL");
        }
        if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))) {
            throw new UnsafeUrlException(field, "must be an absolute URL with the scheme "
                    + String.join(" or ", schemes.stream().sorted().toList()));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new UnsafeUrlException(field, "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new UnsafeUrlException(field, "must not carry a user name or password in the URL");
        }
        checkHost(field, uri.getHost());
        return uri;
    }

    /** Checks a bare host name or IP literal (e.g. of a {@code host:port} endpoint or a JDBC URL). */
    public void checkHost(String field, String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new UnsafeUrlException(field, "names a host that does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new UnsafeUrlException(field, "names a host that does not resolve");
        }
        for (InetAddress address : addresses) {
            String problem = problem(address);
            if (problem != null) {
                throw new UnsafeUrlException(field, problem);
            }
        }
    }

    /** Why ChainWatch must not connect to {@code address}, or {@code null} when it may. */
    public String problem(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "points to the unspecified address";
        }
        if (address.isMulticastAddress() || isReserved(address)) {
            return "points to a multicast or reserved address";
        }
        if (address.isLoopbackAddress()) {
            return policy.allowLoopback() ? null
                    : "points to a loopback address (this machine); not allowed here";
        }
        if (address.isLinkLocalAddress()) {
            return policy.allowLinkLocal() ? null
                    : "points to a link-local address (such as a cloud metadata service); not allowed here";
        }
        if (isPrivate(address)) {
            return policy.allowPrivate() ? null
                    : "points to a private network address; not allowed here (chainwatch.security.urls.allow-private)";
        }
        return null;
    }

    private static boolean isPrivate(InetAddress address) {
        if (address.isSiteLocalAddress()) { // 10/8, 172.16/12, 192.168/16, fec0::/10
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
                    || (first == 198 && (second == 18 || second == 19)); // benchmarking
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return false;
    }

    private static boolean isReserved(InetAddress address) {
        if (address instanceof Inet4Address) {
            return (address.getAddress()[0] & 0xf0) == 0xf0; // 240/4 and broadcast
        }
        return false;
    }

    /** The ranges that are allowed, for messages and logs. */
    public List<String> allowedRanges() {
        List<String> ranges = new java.util.ArrayList<>(List.of("public"));
        if (policy.allowLoopback()) {
            ranges.add("loopback");
        }
        if (policy.allowPrivate()) {
            ranges.add("private");
        }
        if (policy.allowLinkLocal()) {
            ranges.add("link-local");
        }
        return ranges;
    }
}
