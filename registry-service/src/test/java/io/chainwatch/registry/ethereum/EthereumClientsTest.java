package io.chainwatch.registry.ethereum;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import io.chainwatch.registry.web.PlatformCallException;
import io.chainwatch.security.UrlGuard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Calls to a node re-check its URL against the policy and never follow a redirect. */
class EthereumClientsTest {

    @Test
    void aRedirectingNodeIsAFailedCallAndItsTargetIsNeverCalled() throws IOException {
        HttpServer target = server(302, null);
        AtomicInteger targetCalls = new AtomicInteger();
        target.createContext("/elsewhere", exchange -> {
            targetCalls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        HttpServer node = server(302, "http://127.0.0.1:" + target.getAddress().getPort() + "/elsewhere");
        try {
            EthereumClients clients = new EthereumClients(new UrlGuard(new UrlGuard.Policy(true, false, false)));
            assertThatThrownBy(() -> clients.with("http://127.0.0.1:" + node.getAddress().getPort(),
                    web3j -> web3j.ethBlockNumber().send()))
                    .isInstanceOf(PlatformCallException.class).hasMessageContaining("did not answer");
            assertThat(targetCalls).hasValue(0);
        } finally {
            node.stop(0);
            target.stop(0);
        }
    }

    @Test
    void aUrlThePolicyRefusesIsNotCalled() {
        EthereumClients clients = new EthereumClients(new UrlGuard(UrlGuard.Policy.PUBLIC_ONLY));
        assertThatThrownBy(() -> clients.with("http://127.0.0.1:1", web3j -> web3j.ethBlockNumber().send()))
                .isInstanceOf(PlatformCallException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> clients.with("http://169.254.169.254/", web3j -> web3j.ethBlockNumber().send()))
                .isInstanceOf(PlatformCallException.class).hasMessageContaining("link-local");
    }

    private static HttpServer server(int status, String location) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (location != null) {
                exchange.getResponseHeaders().set("Location", location);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }
}
