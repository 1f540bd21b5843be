package io.chainwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import io.chainwatch.testkit.FreePorts;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gateway configured with {@code rate-limit.store=redis} whose Redis (a real {@code redis-server}) stops: neither
 * limit is lifted. The failed sign-in counts go on from what the instance saw before the outage (each failure is also
 * counted in its memory); the request rate limits go on per instance, from a fresh bucket. Requests are answered
 * throughout, each fall-back counted in {@code chainwatch_gateway_buckets_fallbacks_total}; when Redis is back, the
 * gateway uses it again.
 */
class RedisOutageIT {

    private static final String KEY = "outage-key";

    private static HttpServer service;
    private static RedisServer redis;
    private static GatewayInstance gateway;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(RedisServer.installed(), "redis-server is not installed (apt-get install redis-server)");
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
        redis = RedisServer.start(FreePorts.next());
        gateway = GatewayInstance.start(List.of("chainwatch.gateway.api-keys=" + KEY,
                "chainwatch.gateway.registry-url=http://127.0.0.1:" + service.getAddress().getPort(),
                "chainwatch.gateway.rate-limit.requests=10", "chainwatch.gateway.rate-limit.period=1h",
                "chainwatch.gateway.auth-throttle.failures=3", "chainwatch.gateway.auth-throttle.period=1h",
                "chainwatch.gateway.rate-limit.store=redis",
                "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port()));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (gateway != null) {
            gateway.close();
        }
        if (redis != null) {
            redis.stop();
        }
        if (service != null) {
            service.stop(0);
        }
    }

    @Test
    void withRedisDownTheLimitsHoldPerInstanceAndFailedSignInsKeepTheirCount() throws Exception {
        String source = "127.0.0.4";
        // before the outage: two failures from the source, four requests of the key, all counted in Redis
        assertThat(gateway.get("/api/v1/organizations", "guess-1", source).status()).isEqualTo(401);
        assertThat(gateway.get("/api/v1/organizations", "guess-2", source).status()).isEqualTo(401);
        for (int i = 0; i < 4; i++) {
            assertThat(gateway.get("/api/v1/organizations", KEY, "127.0.0.1").status()).isEqualTo(200);
        }
        assertThat(redis.command("DBSIZE")).isNotEqualTo(":0");
        assertThat(gateway.metric("chainwatch_gateway_buckets_fallbacks_total", "")).isZero();

        redis.stop();

        // the third failure is counted on top of the two this instance remembers: the source is throttled
        assertThat(gateway.get("/api/v1/organizations", "guess-3", source).status()).isEqualTo(401);
        GatewayInstance.Answer throttled = gateway.get("/api/v1/organizations", KEY, source);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isPresent();
        // the request limit holds too, from a fresh bucket of this instance: 10 more, then 429
        for (int i = 0; i < 10; i++) {
            assertThat(gateway.get("/api/v1/organizations", KEY, "127.0.0.1").status()).isEqualTo(200);
        }
        GatewayInstance.Answer limited = gateway.get("/api/v1/organizations", KEY, "127.0.0.1");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).contains("\"status\":429");
        assertThat(gateway.metric("chainwatch_gateway_buckets_fallbacks_total", "")).isPositive();

        // Redis back (empty: no persistence): the gateway reconnects and counts there again
        redis.start();
        Awaitility.await("the gateway uses Redis again").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    gateway.get("/api/v1/organizations", KEY, "127.0.0.1");
                    return !":0".equals(redis.command("DBSIZE"));
                });
    }
}
