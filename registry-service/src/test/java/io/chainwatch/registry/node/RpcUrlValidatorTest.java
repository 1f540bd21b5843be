package io.chainwatch.registry.node;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RpcUrlValidatorTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8545", "https://mainnet.infura.io/v3/abc", "ws://localhost:8546",
            "wss://rpc.example.org/ws", "HTTP://EXAMPLE.ORG", "http://[::1]:8545/", "http://user:pw@node.internal:80",
            " http://127.0.0.1:8545 "})
    void accepts(String url) {
        assertThat(RpcUrlValidator.problem(url)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "", "http://exa mple.org", "127.0.0.1:8545"})
    void rejectsWhatIsNotAUrl(String url) {
        assertThat(RpcUrlValidator.problem(url)).isNotNull().contains("http");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://x", "file:///etc/passwd", "mailto:ops@acme.example", "localhost:8545",
            "grpc://peer0:7051"})
    void rejectsOtherSchemes(String url) {
        assertThat(RpcUrlValidator.problem(url)).startsWith("must use the scheme http, https, ws or wss");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative/path", "//127.0.0.1:8545", "8545"})
    void rejectsRelativeUrls(String url) {
        assertThat(RpcUrlValidator.problem(url)).startsWith("must be an absolute URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://", "wss://", "http:///path", "http:/path", "http:path", "http://under_score:8545"})
    void rejectsUrlsWithoutHost(String url) {
        assertThat(RpcUrlValidator.problem(url)).startsWith("must name a host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://host:0", "http://host:65536", "http://host:99999"})
    void rejectsPortsOutOfRange(String url) {
        assertThat(RpcUrlValidator.problem(url)).startsWith("must have a port");
    }
}
