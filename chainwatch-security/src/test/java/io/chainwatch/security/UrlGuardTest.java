package io.chainwatch.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UrlGuardTest {

    private static final Set<String> HTTP = Set.of("http", "https");

    /** Names resolve from this table, like a DNS server would; no real lookups in a unit test. */
    private static final Map<String, String> DNS = Map.of(
            "rpc.example.com", "93.184.215.14",
            "sneaky.example.com", "169.254.169.254",
            "intranet.example.com", "10.1.2.3");

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        String ip = DNS.get(host);
        if (ip != null) {
            return new InetAddress[] {InetAddress.getByName(ip)};
        }
        if (host.matches("[0-9a-fA-F.:]+")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
    }

    private final UrlGuard strict = new UrlGuard(UrlGuard.Policy.PUBLIC_ONLY, UrlGuardTest::resolve);
    private final UrlGuard local = new UrlGuard(new UrlGuard.Policy(true, false, false), UrlGuardTest::resolve);

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8545", "http://[::1]:8545", "http://10.0.0.5", "http://172.16.3.4",
            "http://192.168.1.1", "http://169.254.169.254/latest/meta-data", "http://[fe80::1]", "http://[fd00::1]",
            "http://100.64.0.1", "http://0.0.0.0:8545", "http://sneaky.example.com", "http://intranet.example.com",
            "http://224.0.0.1", "http://[::ffff:127.0.0.1]", "http://255.255.255.255", "http://2130706433"})
    void privateLoopbackAndLinkLocalTargetsAreRefusedByDefault(String url) {
        assertThatThrownBy(() -> strict.check("rpcUrl", url, HTTP))
                .isInstanceOf(UnsafeUrlException.class)
                .satisfies(e -> assertThat(((UnsafeUrlException) e).field()).isEqualTo("rpcUrl"));
    }

    @Test
    void publicHostsPass() {
        assertThat(strict.check("rpcUrl", "https://rpc.example.com/v1", HTTP).getHost()).isEqualTo("rpc.example.com");
        assertThat(strict.check("rpcUrl", "http://93.184.215.14:8545", HTTP).getPort()).isEqualTo(8545);
    }

    @Test
    void theLocalStackAllowsLoopbackButStillNotTheMetadataService() {
        assertThat(local.check("rpcUrl", "http://127.0.0.1:8545", HTTP)).isNotNull();
        assertThatThrownBy(() -> local.check("webhook", "http://169.254.169.254/", HTTP))
                .hasMessageContaining("link-local");
        assertThatThrownBy(() -> local.check("webhook", "http://10.0.0.1/", HTTP))
                .hasMessageContaining("private");
    }

    @Test
    void malformedUrlsAreRefusedWithAReason() {
        assertThatThrownBy(() -> strict.check("url", "ftp://rpc.example.com", HTTP)).hasMessageContaining("scheme");
        assertThatThrownBy(() -> strict.check("url", "http://", HTTP)).isInstanceOf(UnsafeUrlException.class);
        assertThatThrownBy(() -> strict.check("url", "http://nowhere.invalid", HTTP))
                .hasMessageContaining("does not resolve");
        assertThatThrownBy(() -> strict.check("url", "http://user:pw@rpc.example.com", HTTP))
                .hasMessageContaining("password");
        assertThatThrownBy(() -> strict.check("url", " ", HTTP)).hasMessageContaining("required");
    }
}
