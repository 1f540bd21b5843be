package io.chainwatch.gateway.auth;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpServer;
import io.chainwatch.gateway.ChainwatchGatewayProperties;
import io.chainwatch.security.InternalKeys;
import io.chainwatch.security.InternalTokenIssuer;
import io.chainwatch.testkit.TestCallers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's view of organization states when the registry goes away: a stand-in registry answers the registry's
 * internal state endpoint ({@code GET /internal/organizations/{id}/state}) as it does, then answers only 503.
 */
class OrganizationStatesTest {

    private final UUID deactivated = UUID.randomUUID();
    private final UUID active = UUID.randomUUID();
    private final UUID deleted = UUID.randomUUID();
    private final AtomicBoolean down = new AtomicBoolean();
    private HttpServer registry;
    private OrganizationStates states;

    @BeforeEach
    void start() throws IOException {
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/internal/organizations/", e -> {
            String id = e.getRequestURI().getPath().split("/")[3];
            byte[] body = ("{\"orgId\":\"" + id + "\",\"status\":\""
                    + (id.equals(deactivated.toString()) ? "DEACTIVATED" : id.equals(deleted.toString()) ? "DELETED"
                    : "ACTIVE") + "\"}").getBytes(StandardCharsets.UTF_8);
            if (down.get()) {
                e.sendResponseHeaders(503, -1);
            } else {
                e.getResponseHeaders().set("Content-Type", "application/json");
                e.sendResponseHeaders(200, body.length);
                e.getResponseBody().write(body);
            }
            e.close();
        });
        registry.start();
        // no cache: every call asks the registry again, as after the cache's expiry
        states = new OrganizationStates(new ChainwatchGatewayProperties(List.of(),
                "http://127.0.0.1:" + registry.getAddress().getPort(), null, null, 1_048_576, null, null, null,
                Duration.ZERO), new InternalTokenIssuer(InternalKeys.decodePrivate(TestCallers.privateKey())),
                reactor.netty.http.client.HttpClient.create());
    }

    @AfterEach
    void stop() {
        registry.stop(0);
    }

    @Test
    void aDeactivatedOrganizationStaysRefusedWhileTheRegistryIsDown() {
        assertThat(states.deactivated(deactivated).block()).isTrue();
        assertThat(states.deactivated(active).block()).isFalse();
        assertThat(states.deactivated(deleted).block()).as("a deleted organization is refused too").isTrue();
        down.set(true);
        assertThat(states.deactivated(deleted).block()).isTrue();
        assertThat(states.deactivated(deactivated).block()).as("as the registry said last").isTrue();
        assertThat(states.deactivated(active).block()).isFalse();
        assertThat(states.deactivated(UUID.randomUUID()).block()).as("never known: passes").isFalse();
    }
}
