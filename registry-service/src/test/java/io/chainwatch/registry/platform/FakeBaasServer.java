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
 * call; and, with state, networks and ledgers created in them (members, nodes), deleted, joined and left — the
 * management calls provisioning and reconciliation make ({@code platform/provisioning-template.json} maps them).
 * Every request but the health call needs the expected credentials: a Bearer token, an access key with a
 * valid HMAC signature, or (HTTPS variant) a client certificate signed by the test CA. Records what it was asked.
 */
public final class FakeBaasServer implements AutoCloseable {

    public static final String TOKEN = "baas-token-123";
    static final String ACCESS_KEY = "AK-baas";
    static final String SECRET_KEY = "SK-baas-secret";

    /** One request: method, path with query, body, and whether its credentials were valid. */
    public record Seen(String method, String pathAndQuery, String body, boolean authenticated) {
    }

    private final HttpServer server;
    public final List<Seen> seen = new CopyOnWriteArrayList<>();
    final AtomicInteger jobPolls = new AtomicInteger();
    volatile int healthStatus = 200;
    /** When set, every request is answered 302 with this Location. */
    volatile String redirectTo;

    private final boolean https;

    /** A network the platform runs: its name and member organizations. */
    public record Network(String id, String name, java.util.Set<String> members) {
    }

    /** A ledger (chain) the platform runs: its network, name, members and nodes (name → RPC URL). */
    public record Ledger(String id, String networkId, String name, java.util.Set<String> members,
            java.util.Map<String, String> nodes) {
    }

    public final java.util.Map<String, Network> networks = new java.util.concurrent.ConcurrentHashMap<>();
    public final java.util.Map<String, Ledger> ledgers = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** RPC URLs of the nodes every new ledger gets, named {@code <ledger name>-node-<i>}. */
    public volatile List<String> nodeRpcUrls = List.of();
    /** Ledger names whose creation the platform refuses with a 500. */
    public final java.util.Set<String> refuseLedgers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** What a node start / stop / restart does (action, node name); by default nothing. */
    public volatile java.util.function.BiConsumer<String, String> nodeActions = (action, node) -> { };
    /** When set, every request (health included) is answered 503: the platform is down. */
    public volatile boolean unavailable;

    public FakeBaasServer() throws IOException {
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

    public String baseUrl() {
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
        if (unavailable) {
            respond(exchange, 503, "{\"error\": \"maintenance\"}");
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
        if (path.startsWith("/mgmt/networks") || path.matches("/mgmt/ledgers/[^/]+/(nodes.*|members.*|remove)")) {
            provisioning(exchange, method, path, body);
        } else if (method.equals("GET") && path.matches("/mgmt/ledgers/[^/]+/overview")) {
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

    /** Networks, ledgers, their members and nodes: the management calls that provisioning makes. */
    private void provisioning(HttpExchange exchange, String method, String path, String body) throws IOException {
        String[] p = path.substring(1).split("/");
        tools.jackson.databind.JsonNode request = body.isBlank() ? null
                : tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
        if (method.equals("POST") && p.length == 2) {
            Network network = new Network("net-" + ids.incrementAndGet(), request.path("netName").asString(),
                    java.util.concurrent.ConcurrentHashMap.newKeySet());
            networks.put(network.id(), network);
            respond(exchange, 200, "{\"network\": {\"id\": \"" + network.id() + "\", \"netName\": \""
                    + network.name() + "\"}}");
            return;
        }
        if (p[1].equals("networks")) {
            Network network = networks.get(p[2]);
            if (network == null) {
                respond(exchange, 404, "{\"error\": \"no such network\"}");
            } else if (method.equals("GET") && p.length == 3) {
                respond(exchange, 200, "{\"network\": {\"id\": \"" + network.id() + "\", \"netName\": \""
                        + network.name() + "\"}}");
            } else if (method.equals("DELETE") && p.length == 3) {
                networks.remove(network.id());
                respond(exchange, 200, "{\"done\": true}");
            } else if (method.equals("POST") && p.length == 4 && p[3].equals("members")) {
                network.members().add(request.path("org").asString());
                respond(exchange, 200, "{\"done\": true}");
            } else if (method.equals("DELETE") && p.length == 5 && p[3].equals("members")) {
                network.members().remove(p[4]);
                respond(exchange, 200, "{\"done\": true}");
            } else if (method.equals("POST") && p.length == 4 && p[3].equals("ledgers")) {
                String name = request.path("ledgerName").asString();
                if (refuseLedgers.contains(name)) {
                    respond(exchange, 500, "{\"error\": \"no capacity for ledger " + name + "\"}");
                    return;
                }
                java.util.Map<String, String> nodes = new java.util.concurrent.ConcurrentSkipListMap<>();
                List<String> urls = nodeRpcUrls;
                for (int i = 0; i < urls.size(); i++) {
                    nodes.put(name + "-node-" + (i + 1), urls.get(i));
                }
                Ledger ledger = new Ledger("ledger-" + ids.incrementAndGet(), network.id(), name,
                        java.util.concurrent.ConcurrentHashMap.newKeySet(), nodes);
                ledgers.put(ledger.id(), ledger);
                respond(exchange, 200, "{\"ledger\": {\"id\": \"" + ledger.id() + "\", \"label\": \"" + name
                        + "\", \"height\": 0}}");
            } else {
                respond(exchange, 404, "{\"error\": \"no such path\"}");
            }
            return;
        }
        Ledger ledger = ledgers.get(p[2]);
        if (ledger == null) {
            respond(exchange, 404, "{\"error\": \"no such ledger\"}");
        } else if (method.equals("POST") && p[3].equals("nodes") && p.length == 6
                && List.of("start", "stop", "restart").contains(p[5])) {
            if (!ledger.nodes().containsKey(p[4])) {
                respond(exchange, 404, "{\"error\": \"no such node\"}");
                return;
            }
            nodeActions.accept(p[5], p[4]);
            respond(exchange, 200, "{\"done\": true}");
        } else if (method.equals("GET") && p[3].equals("nodes")) {
            StringBuilder items = new StringBuilder();
            ledger.nodes().forEach((name, url) -> items.append(items.isEmpty() ? "" : ", ")
                    .append("{\"nodeName\": \"").append(name).append("\", \"endpoints\": {\"rpc\": \"")
                    .append(url).append("\"}}"));
            respond(exchange, 200, "{\"items\": [" + items + "]}");
        } else if (method.equals("POST") && p[3].equals("remove")) {
            ledgers.remove(ledger.id());
            respond(exchange, 200, "{\"done\": true}");
        } else if (method.equals("POST") && p[3].equals("members") && p.length == 4) {
            ledger.members().add(request.path("org").asString());
            respond(exchange, 200, "{\"done\": true}");
        } else if (method.equals("DELETE") && p[3].equals("members") && p.length == 5) {
            ledger.members().remove(p[4]);
            respond(exchange, 200, "{\"done\": true}");
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
