package io.chainwatch.registry.platform;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

/**
 * A BaaS platform's management API for tests, with its own paths and field names (see
 * {@code platform/baas-openapi.yaml}): ledgers, an asynchronous ledger creation followed through jobs, a health
 * call. Every request but the health call needs the expected credentials: a Bearer token, an access key with a
 * valid HMAC signature, or (HTTPS variant) a client certificate signed by the test CA. Records what it was asked.
 */
final class FakeBaasServer implements AutoCloseable {

    static final String TOKEN = "baas-token-123";
    static final String ACCESS_KEY = "AK-baas";
    static final String SECRET_KEY = "SK-baas-secret";

    /** One request: method, path with query, body, and whether its credentials were valid. */
    record Seen(String method, String pathAndQuery, String body, boolean authenticated) {
    }

    private final HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final AtomicInteger jobPolls = new AtomicInteger();
    volatile int healthStatus = 200;
    /** When set, every request is answered 302 with this Location. */
    volatile String redirectTo;

    private final boolean https;

    FakeBaasServer() throws IOException {
        this(null);
    }

    /**
     * @param tls when given, HTTPS with this server identity, requiring a client certificate its trust managers
     *            accept (mutual TLS); a client that presents one counts as authenticated
     */
    FakeBaasServer(SSLContext tls) throws IOException {
        https = tls != null;
        if (tls == null) {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } else {
            HttpsServer secure = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            secure.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters parameters = tls.getDefaultSSLParameters();
                    parameters.setNeedClientAuth(true);
                    params.setSSLParameters(parameters);
                }
            });
            server = secure;
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return (https ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean authenticated = exchange instanceof HttpsExchange secure
                ? clientCertificate(secure) : authenticated(exchange, method, path + (query == null ? "" : "?" + query));
        seen.add(new Seen(method, path + (query == null ? "" : "?" + query), body, authenticated));
        if (redirectTo != null) {
            exchange.getResponseHeaders().set("Location", redirectTo);
            respond(exchange, 302, "{}");
            return;
        }
        if (path.equals("/mgmt/ping")) {
            respond(exchange, healthStatus, "{\"ok\": true}");
            return;
        }
        if (!authenticated) {
            respond(exchange, 401, "{\"error\": \"bad credentials\"}");
            return;
        }
        if (method.equals("GET") && path.matches("/mgmt/ledgers/[^/]+/overview")) {
            respond(exchange, 200, "{\"data\": {\"height\": 42, \"txTotal\": 1000, \"ledgerName\": \"main\"}}");
        } else if (method.equals("GET") && path.matches("/mgmt/ledgers/[^/]+/txs")) {
            respond(exchange, 200, "{\"items\": [{\"txHash\": \"0xaa\"}, {\"txHash\": \"0xbb\"}], \"total\": 2}");
        } else if (method.equals("GET") && path.matches("/mgmt/ledgers/[^/]+")) {
            String id = path.substring("/mgmt/ledgers/".length());
            respond(exchange, 200, "{\"ledger\": {\"id\": \"" + id + "\", \"label\": \"Ledger " + id
                    + "\", \"height\": 42}}");
        } else if (method.equals("POST") && path.equals("/mgmt/ledgers")) {
            respond(exchange, 202, "{\"jobId\": \"job-1\"}");
        } else if (method.equals("GET") && path.equals("/mgmt/jobs/job-1")) {
            boolean done = jobPolls.incrementAndGet() >= 3;
            respond(exchange, 200, done ? "{\"state\": \"SUCCESS\", \"output\": {\"ledgerId\": \"new-ledger\"}}"
                    : "{\"state\": \"RUNNING\"}");
        } else {
            respond(exchange, 404, "{\"error\": \"no such path\"}");
        }
    }

    private static boolean clientCertificate(HttpsExchange exchange) {
        try {
            return exchange.getSSLSession().getPeerCertificates().length > 0;
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    private static boolean authenticated(HttpExchange exchange, String method, String pathAndQuery) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (("Bearer " + TOKEN).equals(authorization)) {
            return true;
        }
        String accessKey = exchange.getRequestHeaders().getFirst("X-Access-Key");
        String timestamp = exchange.getRequestHeaders().getFirst("X-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Signature");
        return ACCESS_KEY.equals(accessKey) && timestamp != null && signature != null
                && signature.equals(TemplateAdapter.sign(SECRET_KEY, method + "\n" + pathAndQuery + "\n" + timestamp));
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
