package io.chainwatch.registry.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.chainwatch.security.Caller;
import io.chainwatch.testkit.Broker;
import io.chainwatch.testkit.EmbeddedServers;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.testkit.TestCallers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the integration tests: the whole service on a random port against the {@link EmbeddedServers}, plain HTTP
 * calls with {@code java.net.http} (raw bodies, so malformed JSON can be sent), and row counts. The tests play the
 * gateway ({@link TestCallers}): {@link #post}, {@link #get}... send a platform admin's internal token;
 * {@link #as(Caller)} sends as another caller, {@link #withToken(String)} with any token or none.
 */
// the tests publish to topics the registry itself does not declare (samples, as a collector would)
@EmbeddedServers(kafka = Broker.AUTO_CREATED_TOPICS, database = RegistryTestBase.DATABASE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@org.springframework.context.annotation.Import(TestUrlGuardConfig.class)
// the fake nodes and platforms of the tests listen on 127.0.0.1 (a subclass may override this to test the guard)
@org.springframework.test.context.TestPropertySource(properties = "chainwatch.security.urls.allow-loopback=true")
public abstract class RegistryTestBase {

    /** The registry's database in the shared PostgreSQL. */
    public static final String DATABASE = "registry";

    /** Bootstrap servers of the shared broker. */
    public static String kafkaBootstrapServers() {
        return SharedServers.kafkaBootstrap();
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    /** The management (actuator) port: health, info, prometheus are served there only, on loopback. */
    @org.springframework.boot.test.web.server.LocalManagementPort
    protected int managementPort;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected JsonMapper json;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        // tasks: fast polling, and a crashed instance's task is resumed after ~2 s instead of ~30 s
        registry.add("chainwatch.registry.tasks.polling-interval", () -> "100ms");
        registry.add("chainwatch.registry.tasks.heartbeat-interval", () -> "500ms");
        registry.add("chainwatch.registry.tasks.missed-heartbeats-limit", () -> "4");
        registry.add("chainwatch.registry.tasks.sweep-interval", () -> "1s");
        // chainwatch_chain_availability_ratio recomputed often, so a test sees it soon
        registry.add("chainwatch.registry.availability.gauge-interval", () -> "2s");
        // the tests play the gateway
        registry.add(TestCallers.PUBLIC_KEY_PROPERTY, TestCallers::publicKey);
        // one log key for every test context, as all registry instances share one: entries appended by any of them verify
        registry.add("chainwatch.registry.ledger.signing-key", () -> LEDGER_KEY);
        // ... and the collectors, which Fabric identities are sealed for
        registry.add("chainwatch.registry.collector-key.public-key",
                () -> io.chainwatch.security.InternalKeys.encodePublic(COLLECTOR_KEY));
    }

    /** The tamper-evident log's Ed25519 key (base64 PKCS#8), shared by every registry started by the tests. */
    protected static final String LEDGER_KEY = java.util.Base64.getEncoder().encodeToString(
            io.chainwatch.registry.ledger.LogSignatures.generate().getPrivate().getEncoded());

    /** The collectors' key pair: the registry seals Fabric identities with its public half. */
    protected static final java.security.KeyPair COLLECTOR_KEY = io.chainwatch.security.InternalKeys.generate();

    /** The service name internal tokens are issued for. */
    protected static final String SERVICE = "registry-service";

    /** The default caller of {@link #post}, {@link #get}, {@link #send}...: a platform admin. */
    protected static final Caller PLATFORM_ADMIN = Caller.platformAdmin("user:test-admin");

    /** Requests as {@code caller} (the gateway vouching for it). */
    protected Client as(Caller caller) {
        return new Client(() -> TestCallers.token(caller, SERVICE));
    }

    /** Requests with exactly this internal token; {@code null}: none at all. */
    protected Client withToken(String token) {
        return new Client(() -> token);
    }

    /** Called with every response; tests override it to collect what the service answered. */
    protected void received(Response response) {
    }

    /** An HTTP response with its body as text. */
    protected record Response(int status, String contentType, String body, JsonMapper mapper,
            java.net.http.HttpHeaders headers) {

        /** First value of a response header, or {@code null}. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String etag() {
            return header("ETag");
        }

        public JsonNode json() {
            return mapper.readTree(body);
        }

        public String field(String name) {
            return json().path(name).asString();
        }
    }

    protected Response post(String path, String body) {
        return admin().post(path, body);
    }

    protected Response post(String path, String contentType, String body) {
        return admin().post(path, contentType, body);
    }

    /** A request with a JSON body and extra headers given as name, value, name, value... */
    protected Response send(String method, String path, String body, String... headers) {
        return admin().send(method, path, body, headers);
    }

    protected Response get(String path) {
        return admin().get(path);
    }

    protected Response delete(String path) {
        return admin().delete(path);
    }

    /** GET on the management port (actuator endpoints), without any token. */
    protected Response management(String path) {
        return exchange(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path)).GET());
    }

    private Client admin() {
        return as(PLATFORM_ADMIN);
    }

    /** Sends requests with one caller's internal token. */
    protected final class Client {

        private final java.util.function.Supplier<String> token;

        private Client(java.util.function.Supplier<String> token) {
            this.token = token;
        }

        public Response post(String path, String body) {
            return send("POST", path, body);
        }

        public Response post(String path, String contentType, String body) {
            return exchange(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        public Response put(String path, String body, String... headers) {
            return send("PUT", path, body, headers);
        }

        public Response get(String path) {
            return exchange(HttpRequest.newBuilder(uri(path)).GET());
        }

        public Response delete(String path, String... headers) {
            return send("DELETE", path, null, headers);
        }

        /** A request with a JSON body and extra headers given as name, value, name, value... */
        public Response send(String method, String path, String body, String... headers) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return exchange(request);
        }

        private Response exchange(HttpRequest.Builder request) {
            String value = token.get();
            if (value != null) {
                request.header(TestCallers.HEADER, value);
            }
            return RegistryTestBase.this.exchange(request);
        }
    }

    /** Waits until the task is finished (SUCCEEDED or FAILED) or in {@code status}; returns its progress. */
    protected tools.jackson.databind.JsonNode awaitTask(String taskId, String... statuses) {
        java.util.Set<String> wanted = new java.util.HashSet<>(java.util.List.of(statuses));
        wanted.add("SUCCEEDED");
        wanted.add("FAILED");
        return org.awaitility.Awaitility.await("task " + taskId + " reaching one of " + wanted).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    Response response = get("/api/v1/tasks/" + taskId);
                    assertThat(response.status()).as(response.body()).isEqualTo(200);
                    return response.json();
                }, task -> wanted.contains(task.path("status").asString()));
    }

    /** Creates an organization with a unique name derived from {@code prefix}; returns its id. */
    protected String createOrganization(String prefix) {
        Response response = post("/api/v1/organizations",
                "{\"name\": \"" + unique(prefix) + "\", \"contactEmail\": \"ops@acme.example\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.field("id");
    }

    /** Creates an ETHEREUM chain in the organization; returns its id. */
    protected String createChain(String orgId, String name) {
        Response response = post("/api/v1/chains",
                "{\"orgId\": \"" + orgId + "\", \"name\": \"" + name + "\", \"platform\": \"ETHEREUM\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.field("id");
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected long count(String table) {
        if (table.equals("audit_log")) { // refused and failed calls are audited too: a change is a successful entry
            return jdbc.sql("select count(*) from registry.audit_log where outcome = 'success'").query(Long.class)
                    .single();
        }
        if (table.equals("outbox")) { // audit entries travel through the outbox too: count the other records
            return jdbc.sql("select count(*) from registry.outbox where topic <> 'chainwatch.audit'")
                    .query(Long.class).single();
        }
        return jdbc.sql("select count(*) from registry." + table).query(Long.class).single();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private Response exchange(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), // generous: a first OpenAPI build took ~10 s on a loaded machine
                    HttpResponse.BodyHandlers.ofString());
            Response answer = new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), response.body(), json, response.headers());
            received(answer);
            return answer;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
