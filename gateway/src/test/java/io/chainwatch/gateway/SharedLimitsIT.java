package io.chainwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import io.chainwatch.testkit.FreePorts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rate limits and failed sign-in throttles across two gateway instances (two Spring contexts on two ports, as a load
 * balancer would spread callers over them) in front of one service (a real HTTP server answering 200):
 * <ul>
 *   <li>with {@code rate-limit.store=redis}, both instances use one real Redis (Debian's {@code redis-server}, started
 *   by the test): a caller's requests spread over both are limited by one budget, and failed API keys counted on
 *   either instance throttle the source on both;</li>
 *   <li>with the default {@code memory} store, the same traffic shows each instance counting alone.</li>
 * </ul>
 * Limits: 10 requests per caller per hour, 3 failed attempts per source per hour.
 */
class SharedLimitsIT {

    private static final String KEY = "shared-limits-key";
    private static final String OTHER_KEY = "shared-limits-other-key";

    private static HttpServer service;
    private static RedisServer redis;
    private static final List<GatewayInstance> REDIS_PAIR = new ArrayList<>();
    private static final List<GatewayInstance> MEMORY_PAIR = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(RedisServer.installed(), "redis-server is not installed (apt-get install redis-server)");
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        redis = RedisServer.start(FreePorts.next());
        for (int i = 0; i < 2; i++) {
            REDIS_PAIR.add(GatewayInstance.start(settings("redis")));
            MEMORY_PAIR.add(GatewayInstance.start(settings("memory")));
        }
    }

    static List<String> settings(String store) {
        return List.of("chainwatch.gateway.api-keys=" + KEY + "," + OTHER_KEY,
                "chainwatch.gateway.registry-url=http://127.0.0.1:" + service.getAddress().getPort(),
                "chainwatch.gateway.rate-limit.requests=10", "chainwatch.gateway.rate-limit.period=1h",
                "chainwatch.gateway.auth-throttle.failures=3", "chainwatch.gateway.auth-throttle.period=1h",
                "chainwatch.gateway.rate-limit.store=" + store,
                "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        REDIS_PAIR.forEach(GatewayInstance::close);
        MEMORY_PAIR.forEach(GatewayInstance::close);
        if (redis != null) {
            redis.stop();
        }
        if (service != null) {
            service.stop(0);
        }
    }

    @Test
    void withRedisRequestsSpreadOverBothInstancesAreLimitedByOneBudget() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        GatewayInstance.Answer last = null;
        for (int i = 0; i < 12; i++) { // 6 through each instance, alternating
            last = REDIS_PAIR.get(i % 2).get("/api/v1/organizations", KEY, "127.0.0.1");
            statuses.add(last.status());
        }
        assertThat(statuses).containsExactly(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 429, 429);
        assertThat(last.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(last.header("Retry-After")).hasValueSatisfying(v -> assertThat(Long.parseLong(v)).isBetween(1L, 3600L));
        assertThat(last.body()).contains("\"status\":429").contains("more than 10 requests").contains("retryAfterSeconds");
        // the budget is the caller's: another key still passes on both
        assertThat(REDIS_PAIR.get(0).get("/api/v1/organizations", OTHER_KEY, "127.0.0.1").status()).isEqualTo(200);
        assertThat(REDIS_PAIR.get(1).get("/api/v1/organizations", OTHER_KEY, "127.0.0.1").status()).isEqualTo(200);
    }

    @Test
    void withTheMemoryStoreEachInstanceCountsItsOwnRequests() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            statuses.add(MEMORY_PAIR.get(i % 2).get("/api/v1/organizations", KEY, "127.0.0.1").status());
        }
        assertThat(statuses).containsOnly(200); // 6 of 10 on each instance
        for (int i = 0; i < 4; i++) {
            assertThat(MEMORY_PAIR.get(0).get("/api/v1/organizations", KEY, "127.0.0.1").status()).isEqualTo(200);
        }
        assertThat(MEMORY_PAIR.get(0).get("/api/v1/organizations", KEY, "127.0.0.1").status()).isEqualTo(429);
    }

    @Test
    void withRedisFailedKeysOnEitherInstanceThrottleTheSourceOnBoth() throws Exception {
        String source = "127.0.0.2";
        GatewayInstance a = REDIS_PAIR.get(0);
        GatewayInstance b = REDIS_PAIR.get(1);
        assertThat(a.get("/api/v1/organizations", "guess-1", source).status()).isEqualTo(401);
        assertThat(b.get("/api/v1/organizations", "guess-2", source).status()).isEqualTo(401);
        assertThat(a.get("/api/v1/organizations", "guess-3", source).status()).isEqualTo(401);
        // three failures in all: both instances now refuse this source, even with the right key, unchecked
        for (GatewayInstance gateway : REDIS_PAIR) {
            GatewayInstance.Answer throttled = gateway.get("/api/v1/organizations", OTHER_KEY, source);
            assertThat(throttled.status()).isEqualTo(429);
            assertThat(throttled.header("Retry-After")).hasValueSatisfying(
                    v -> assertThat(Long.parseLong(v)).isBetween(1L, 3600L));
            assertThat(throttled.body()).contains("\"status\":429").contains("Too many failed sign-in attempts");
        }
        assertThat(b.metric("chainwatch_gateway_auth_throttled_total", "kind=\"api-key\"")).isPositive();
        // another source is not affected
        assertThat(b.get("/api/v1/organizations", OTHER_KEY, "127.0.0.1").status()).isEqualTo(200);
    }

    @Test
    void withTheMemoryStoreEachInstanceCountsItsOwnFailedKeys() throws Exception {
        String source = "127.0.0.3";
        GatewayInstance a = MEMORY_PAIR.get(0);
        GatewayInstance b = MEMORY_PAIR.get(1);
        assertThat(a.get("/api/v1/organizations", "guess-1", source).status()).isEqualTo(401);
        assertThat(b.get("/api/v1/organizations", "guess-2", source).status()).isEqualTo(401);
        assertThat(a.get("/api/v1/organizations", "guess-3", source).status()).isEqualTo(401);
        // three failures in all, but no instance saw three: both still check the key
        assertThat(b.get("/api/v1/organizations", OTHER_KEY, source).status()).isEqualTo(200);
        assertThat(a.get("/api/v1/organizations", "guess-4", source).status()).isEqualTo(401);
        assertThat(a.get("/api/v1/organizations", OTHER_KEY, source).status()).isEqualTo(429); // a saw three
        assertThat(b.get("/api/v1/organizations", OTHER_KEY, source).status()).isEqualTo(200); // b saw one
    }
}
