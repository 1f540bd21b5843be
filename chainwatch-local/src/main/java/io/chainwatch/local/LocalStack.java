package io.chainwatch.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.testkit.Anvil;
import io.chainwatch.testkit.FreePorts;
import io.chainwatch.testkit.fabric.TestFabricPeer;
import io.chainwatch.testkit.fabric.TestIdentities;
import io.chainwatch.testkit.fabric.TestPeerOperations;
import io.chainwatch.testkit.fabric.TestTls;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The whole of ChainWatch on one machine: an embedded Kafka broker (KRaft), an embedded PostgreSQL 17, an
 * anvil dev chain, an SMTP catcher with an inbox page, the four services and the gateway as child processes, and the
 * identity service (Spring Authorization Server) as the OIDC provider people sign in at; on request
 * ({@link Settings#withFabricPeer}) also a TEST Fabric peer (not Fabric: the testkit's protocol-level peer serving
 * the blocks of a real Fabric 2.5.5 channel) with its operations endpoint, registered as a FABRIC chain.
 */
public final class LocalStack implements AutoCloseable {

    /**
     * Where everything listens and what to register.
     *
     * @param repoRoot           the repository (for the services' runnable jars)
     * @param workDir            logs, mail and database files of this run
     * @param anvilBlockSeconds  anvil's block time; 0 = automine
     * @param registerDevChain   register the anvil chain, its node and default rules at start
     * @param stallSeconds       window of the default "chain stalled" rule
     * @param unreachableSeconds window of the default "node unreachable" rule
     * @param identityPort       the identity service (the OIDC provider people sign in at)
     * @param fabricPeer         also start the test Fabric peer and its operations endpoint, give the collector an
     *                           identity of its MSP, and register chain {@value #FABRIC_CHAIN} with node
     *                           {@value #FABRIC_NODE} (see {@link FabricDev})
     * @param managementOffset   each service's management (actuator) port is its API port plus this (9080..9084
     *                           for the fixed ports; the identity service's is 9085); 0 = a free port each
     */
    public record Settings(Path repoRoot, Path workDir, String apiKey,
                           int gatewayPort, int registryPort, int collectorPort, int alertPort, int cdcPort,
                           int postgresPort, int anvilPort, int smtpPort, int inboxPort,
                           int anvilBlockSeconds, boolean registerDevChain,
                           int stallSeconds, int unreachableSeconds, String alertEmail, boolean fabricPeer,
                           int managementOffset, int identityPort) {

        /** Name of the FABRIC chain registered for the test peer. */
        public static final String FABRIC_CHAIN = "fabric-dev";
        /** Name of the test peer's node. */
        public static final String FABRIC_NODE = "peer0.org1";

        /** Fixed, documented ports for a person running the stack. */
        public static Settings defaults(Path repoRoot) {
            return new Settings(repoRoot, repoRoot.resolve(".local"), "local-dev-key",
                    8080, 8081, 8082, 8083, 8084, 15432, 8545, 2525, 8025,
                    1, true, 10, 10, "ops@chainwatch.local", false, 1000, 8090);
        }

        /** Free ports everywhere and nothing registered: for tests and benchmarks. */
        public static Settings ephemeral(Path repoRoot, Path workDir) {
            return new Settings(repoRoot, workDir, "test-key-" + UUID.randomUUID(),
                    FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                    FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                    1, false, 10, 10, "ops@chainwatch.local", false, 0, FreePorts.next());
        }

        /** The management (actuator) port of the service whose API port is {@code apiPort}. */
        public int managementPort(int apiPort) {
            return managementOffset == 0 ? FreePorts.next() : apiPort + managementOffset;
        }

        /** The same settings with the default rules' windows and recipient changed. */
        public Settings withRules(int stallSeconds, int unreachableSeconds, String alertEmail) {
            return new Settings(repoRoot, workDir, apiKey, gatewayPort, registryPort, collectorPort, alertPort, cdcPort,
                    postgresPort, anvilPort, smtpPort, inboxPort, anvilBlockSeconds, registerDevChain,
                    stallSeconds, unreachableSeconds, alertEmail, fabricPeer, managementOffset, identityPort);
        }

        /** The same settings, registering (or not) the anvil chain with the default rules at start. */
        public Settings withDevChain(boolean register) {
            return new Settings(repoRoot, workDir, apiKey, gatewayPort, registryPort, collectorPort, alertPort, cdcPort,
                    postgresPort, anvilPort, smtpPort, inboxPort, anvilBlockSeconds, register,
                    stallSeconds, unreachableSeconds, alertEmail, fabricPeer, managementOffset, identityPort);
        }

        /**
         * The same settings, starting (or not) the test Fabric peer with its operations endpoint and registering it
         * as chain {@value #FABRIC_CHAIN}, node {@value #FABRIC_NODE} (in organization {@code local-dev}).
         */
        public Settings withFabricPeer(boolean start) {
            return new Settings(repoRoot, workDir, apiKey, gatewayPort, registryPort, collectorPort, alertPort, cdcPort,
                    postgresPort, anvilPort, smtpPort, inboxPort, anvilBlockSeconds, registerDevChain,
                    stallSeconds, unreachableSeconds, alertEmail, start, managementOffset, identityPort);
        }
    }

    /** What the default registration created. */
    public record DevChain(String orgId, String chainId, String nodeId) {
    }

    /**
     * The test Fabric peer and what was registered for it: a FABRIC chain in organization {@code local-dev} and a
     * node with the peer's gRPC endpoint (TLS, server name {@value #FABRIC_PEER_HOST}), MSP
     * {@value TestFabricPeer#MSP_ID}, channel {@value TestFabricPeer#CHANNEL} and the operations endpoint's
     * {@code /metrics} as metricsUrl; the organization's identity for that MSP was given to the registry, which seals
     * it for the collector ({@code identityDir} holds the files it was made from). The peer starts at height
     * {@value #FABRIC_START_HEIGHT}; {@code peer().commitNext()} commits the next captured block.
     */
    public record FabricDev(String orgId, String chainId, String nodeId, TestFabricPeer peer,
                            TestPeerOperations operations, Path identityDir) {
    }

    /** The DNS name in the test peer's TLS certificate (it is reached at 127.0.0.1 with this as server name). */
    public static final String FABRIC_PEER_HOST = "peer0.org1.example.com";

    /** Height the test peer starts at: blocks 0..3 (config, chaincode lifecycle, init) committed, 4..7 to come. */
    public static final int FABRIC_START_HEIGHT = 4;

    private final Settings settings;
    private final List<ServiceProcess> services = new ArrayList<>();
    private EmbeddedKafkaKraftBroker kafka;
    private EmbeddedPostgres postgres;
    private Anvil anvil;
    private MailCatcher mail;
    private DevChain devChain;
    /** Password of the development user {@code admin}, new at every start. */
    private final String adminPassword = newPassword();
    /** The identity service's users file: people added while the stack runs ({@link #addPerson}). */
    private final List<Map<String, Object>> people = new ArrayList<>();
    private TestFabricPeer fabricPeer;
    private TestPeerOperations fabricOperations;
    private FabricDev fabric;

    private LocalStack(Settings settings) {
        this.settings = settings;
    }

    /** Starts everything and waits until every service is healthy. */
    public static LocalStack start(Settings settings) {
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close(); // whatever did start stops again: no half-started stack keeps running
            throw e;
        }
    }

    /**
     * Moves the last run's service logs to {@code logs/previous/} (replacing the run before): each run starts with its
     * own logs, as it starts with a fresh database and an empty inbox, and the run before stays at hand.
     */
    static void keepAsPrevious(Path logs) throws java.io.IOException {
        Path previous = logs.resolve("previous");
        List<Path> last;
        try (var files = Files.list(logs)) {
            last = files.filter(f -> f.getFileName().toString().endsWith(".log")).toList();
        }
        if (last.isEmpty()) {
            return;
        }
        Files.createDirectories(previous);
        try (var old = Files.list(previous)) {
            for (Path f : old.toList()) {
                Files.delete(f);
            }
        }
        for (Path f : last) {
            Files.move(f, previous.resolve(f.getFileName()));
        }
    }

    private void startAll() {
        Path logs = settings.workDir().resolve("logs");
        try {
            Files.createDirectories(logs);
            keepAsPrevious(logs);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        // the KRaft embedded broker picks its own port (it ignores kafkaPorts); kafkaBootstrapServers() tells it
        kafka = new EmbeddedKafkaKraftBroker(1, 6);
        // one broker: the transaction log (the CDC service writes samples in Kafka transactions) must fit on it
        kafka.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0",
                "transaction.state.log.replication.factor", "1", "transaction.state.log.min.isr", "1"));
        kafka.afterPropertiesSet();

        try {
            postgres = EmbeddedPostgres.builder()
                    .setPort(settings.postgresPort())
                    .setDataDirectory(settings.workDir().resolve("postgres"))
                    .setCleanDataDirectory(true)
                    // logical decoding on, so that the CDC service can read tables of this database too; and
                    // PostgreSQL's default synchronous_commit (zonky turns it off, which delays streamed changes)
                    .setServerConfig("wal_level", "logical")
                    .setServerConfig("synchronous_commit", "on")
                    .start();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("embedded PostgreSQL did not start", e);
        }

        anvil = Anvil.start(settings.anvilPort(), settings.anvilBlockSeconds(), logs.resolve("anvil.log"));

        mail = new MailCatcher(settings.smtpPort(), settings.inboxPort(), settings.workDir().resolve("mail"));
        mail.start();

        String kafkaServers = "--spring.kafka.bootstrap-servers=" + kafka.getBrokersAsString();
        String jdbc = "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/postgres";
        List<String> db = List.of(jdbc, "--spring.datasource.username=postgres", "--spring.datasource.password=postgres");

        // the registry seals organizations' Fabric identities for the collectors with the public half of this pair
        java.security.KeyPair collectorKeys = io.chainwatch.security.InternalKeys.generate();
        List<String> collector = new ArrayList<>(List.of(kafkaServers,
                "--chainwatch.collector.identity-key.private-key="
                        + io.chainwatch.security.InternalKeys.encodePrivate(collectorKeys)));
        Path identityDir = settings.workDir().resolve("fabric-identities");
        TestTls fabricTls = null;
        if (settings.fabricPeer()) {
            // a peer with TLS on, as on a real network: a TLS CA and a certificate for peer0.org1.example.com
            fabricTls = TestTls.issue(FABRIC_PEER_HOST);
            fabricPeer = new TestFabricPeer(FABRIC_START_HEIGHT, Set.of(TestFabricPeer.MSP_ID), fabricTls);
            fabricOperations = TestPeerOperations.start();
            // the organization's identity, given to the registry through the API once the stack runs
            TestIdentities.write(identityDir, TestFabricPeer.MSP_ID, "collector@org1.example.com");
        }

        // the gateway signs an internal token for every request it forwards; the services accept only those
        java.security.KeyPair internalKeys = io.chainwatch.security.InternalKeys.generate();
        List<String> trustGateway = List.of("--chainwatch.security.internal-token.public-key="
                + io.chainwatch.security.InternalKeys.encodePublic(internalKeys),
                // the chain, the test servers and the mailbox run on this machine: loopback URLs are fine here
                "--chainwatch.security.urls.allow-loopback=true");
        db = new ArrayList<>(db);
        db.addAll(trustGateway);

        List<String> registry = new ArrayList<>(db);
        registry.addAll(List.of(kafkaServers, "--chainwatch.registry.secrets.keys.local=" + newSecretKey(),
                "--chainwatch.registry.secrets.active-key=local",
                "--chainwatch.registry.collector-key.public-key="
                        + io.chainwatch.security.InternalKeys.encodePublic(collectorKeys),
                // the tamper-evident log: a signing key for this run, tree heads anchored on the local anvil with its
                // well-known first development account
                "--chainwatch.registry.ledger.signing-key=" + newLedgerKey(),
                "--chainwatch.registry.ledger.anchor.rpc-url=" + anvil.rpcUrl(),
                "--chainwatch.registry.ledger.anchor.private-key=" + ANVIL_DEV_KEY));
        List<String> alert = new ArrayList<>(db);
        alert.addAll(List.of(kafkaServers, "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + settings.smtpPort(),
                "--chainwatch.alert.secrets.key=" + newSecretKey()));

        services.add(service("registry-service", settings.registryPort(), registry, logs));
        services.add(service("collector-service", settings.collectorPort(), collector, logs));
        services.add(service("alert-service", settings.alertPort(), alert, logs));
        List<String> cdc = new ArrayList<>(db);
        cdc.addAll(List.of(kafkaServers, "--chainwatch.cdc.secret-key=" + newSecretKey()));
        services.add(service("cdc-service", settings.cdcPort(), cdc, logs));
        // people sign in at the identity service (Spring Authorization Server); the gateway trusts its tokens as it
        // would a company's OIDC provider; the console is its public client, served by the gateway
        // its management port is 9085 with the fixed ports (its API port + 1000 would be Prometheus's 9090)
        int identityManagement = settings.managementOffset() == 0 ? FreePorts.next() : 9085;
        services.add(service("identity-service", settings.identityPort(), identityManagement, List.of(
                "--chainwatch.identity.issuer=" + identityUrl(),
                "--chainwatch.identity.users[0].username=admin",
                "--chainwatch.identity.users[0].password=" + adminPassword,
                "--chainwatch.identity.users[0].roles=platform-admin",
                "--chainwatch.identity.users-file=" + usersFile(),
                "--chainwatch.identity.cors-origins=" + gatewayUrl() + ",http://localhost:" + settings.gatewayPort(),
                "--chainwatch.identity.console.redirect-uris=" + gatewayUrl() + "/auth/callback,http://localhost:"
                        + settings.gatewayPort() + "/auth/callback",
                "--chainwatch.identity.console.post-logout-redirect-uris=" + gatewayUrl() + "/,http://localhost:"
                        + settings.gatewayPort() + "/"), logs));
        services.add(service("gateway", settings.gatewayPort(), List.of(
                "--chainwatch.gateway.api-keys=" + settings.apiKey(),
                "--chainwatch.gateway.internal-token.private-key="
                        + io.chainwatch.security.InternalKeys.encodePrivate(internalKeys),
                "--chainwatch.gateway.registry-url=http://127.0.0.1:" + settings.registryPort(),
                "--chainwatch.gateway.alert-url=http://127.0.0.1:" + settings.alertPort(),
                "--chainwatch.gateway.cdc-url=http://127.0.0.1:" + settings.cdcPort(),
                "--chainwatch.gateway.jwt.issuer-uri=" + identityUrl(),
                "--chainwatch.gateway.audit.bootstrap-servers=" + kafka.getBrokersAsString()), logs));
        services.forEach(ServiceProcess::start);
        // generous: on a loaded shared machine a service has taken over two minutes to start
        services.forEach(s -> s.awaitHealthy(Duration.ofSeconds(300)));

        if (settings.registerDevChain()) {
            devChain = registerDevChain();
        }
        if (settings.fabricPeer()) {
            fabric = registerFabric(devChain == null ? null : devChain.orgId(), identityDir, fabricTls);
        }
    }

    /** A service on {@code port}, its management port as the settings say; properties reach it in its environment. */
    private ServiceProcess service(String module, int port, List<String> properties, Path logs) {
        return service(module, port, settings.managementPort(port), properties, logs);
    }

    private ServiceProcess service(String module, int port, int managementPort, List<String> properties, Path logs) {
        return ServiceProcess.of(settings.repoRoot(), module, port, managementPort, properties, logs,
                ServiceProcess.jvmOptions(module));
    }

    /**
     * Registers the test peer through the gateway: the organization's Fabric identity, chain {@code fabric-dev}
     * (FABRIC) and its node, reached over TLS with the peer's CA and server name.
     */
    private FabricDev registerFabric(String existingOrgId, Path identityDir, TestTls tls) {
        ApiClient api = api();
        String orgId = existingOrgId != null ? existingOrgId : api.create("/api/v1/organizations",
                "{\"name\":\"local-dev\",\"contactEmail\":" + ApiClient.quote(settings.alertEmail()) + "}");
        Path msp = identityDir.resolve(TestFabricPeer.MSP_ID);
        try {
            ApiClient.Response identity = api.put("/api/v1/organizations/" + orgId + "/fabric-identities/"
                    + TestFabricPeer.MSP_ID, "{\"certificatePem\":" + ApiClient.quote(Files.readString(msp.resolve("cert.pem")))
                    + ",\"privateKeyPem\":" + ApiClient.quote(Files.readString(msp.resolve("key.pem"))) + "}");
            if (identity.status() != 201) {
                throw new IllegalStateException("the registry refused the test peer's identity: " + identity.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String chainId = api.create("/api/v1/chains", "{\"orgId\":\"" + orgId + "\",\"name\":\""
                + Settings.FABRIC_CHAIN + "\",\"platform\":\"FABRIC\"}");
        String nodeId = api.create("/api/v1/nodes", "{\"chainId\":\"" + chainId + "\",\"name\":\"" + Settings.FABRIC_NODE
                + "\",\"rpcUrl\":\"http://" + fabricPeer.endpoint() + "\",\"pollIntervalMs\":1000,"
                + "\"metricsUrl\":\"" + fabricOperations.url() + "/metrics\","
                + "\"fabric\":{\"mspId\":\"" + TestFabricPeer.MSP_ID + "\",\"channels\":[\"" + TestFabricPeer.CHANNEL
                + "\"],\"peerEndpoint\":\"" + fabricPeer.endpoint() + "\",\"tlsRootCertPem\":" + ApiClient.quote(tls.caPem())
                + ",\"serverNameOverride\":\"" + tls.serverName() + "\"}}");
        return new FabricDev(orgId, chainId, nodeId, fabricPeer, fabricOperations, identityDir);
    }

    /**
     * A fresh AES-256 key for the secrets of the registry and the CDC service. The local database is created anew
     * at every start, so no ciphertext outlives the key.
     */
    private static String newSecretKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /** anvil's first development account (public knowledge; only for the local dev chain). */
    private static final String ANVIL_DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /** A fresh Ed25519 key (base64 PKCS#8) for the registry's log: the local database is created anew each run. */
    private static String newLedgerKey() {
        try {
            return java.util.Base64.getEncoder().encodeToString(
                    java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers the anvil chain, its node, and the default rules through the gateway. */
    private DevChain registerDevChain() {
        ApiClient api = api();
        String orgId = api.create("/api/v1/organizations",
                "{\"name\":\"local-dev\",\"contactEmail\":" + ApiClient.quote(settings.alertEmail()) + "}");
        String chainId = api.create("/api/v1/chains",
                "{\"orgId\":\"" + orgId + "\",\"name\":\"anvil-dev\",\"platform\":\"ETHEREUM\"}");
        String nodeId = api.create("/api/v1/nodes", "{\"chainId\":\"" + chainId
                + "\",\"name\":\"anvil-1\",\"rpcUrl\":\"" + anvil.rpcUrl() + "\",\"pollIntervalMs\":1000}");
        createDefaultRules(api, orgId, chainId);
        return new DevChain(orgId, chainId, nodeId);
    }

    /**
     * Waits until the alert service knows the rule's chain: it learns chains from their nodes on the targets topic,
     * a moment after the first node is registered; until then a rule on the chain is answered 404.
     */
    private static void awaitChainKnownToAlerts(ApiClient api, String rule) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        ApiClient.Response response = api.post("/api/v1/rules/validate", rule);
        while (response.status() == 404 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            response = api.post("/api/v1/rules/validate", rule);
        }
    }

    /** The default rule set for a chain: stalled and unreachable, mailed to the configured address. */
    public void createDefaultRules(ApiClient api, String orgId, String chainId) {
        String common = "\"orgId\":\"" + orgId + "\",\"chainId\":\"" + chainId + "\",\"severity\":\"critical\","
                + "\"emailTo\":[" + ApiClient.quote(settings.alertEmail()) + "]";
        String stalled = "{\"type\":\"chain_stalled\"," + common + ",\"forSeconds\":" + settings.stallSeconds() + "}";
        awaitChainKnownToAlerts(api, stalled);
        api.create("/api/v1/rules", stalled);
        api.create("/api/v1/rules", "{\"type\":\"node_unreachable\"," + common + ",\"forSeconds\":" + settings.unreachableSeconds() + "}");
    }

    public ApiClient api() {
        return new ApiClient(gatewayUrl(), settings.apiKey());
    }

    public Settings settings() {
        return settings;
    }

    /** Password of the development user {@code admin}, a platform admin (sign in at {@link #identityUrl()}). */
    public String adminPassword() {
        return adminPassword;
    }

    /** The OIDC provider's issuer URL (the identity service). */
    public String identityUrl() {
        return "http://127.0.0.1:" + settings.identityPort();
    }

    /**
     * Adds a person who can sign in at once (the identity service reads its users file at every sign-in).
     *
     * @param orgId the person's organization id ({@code null} for a platform admin)
     * @param role  viewer, operator, org-admin or platform-admin
     * @return the person's new password
     */
    public synchronized String addPerson(String username, String orgId, String role) {
        String password = newPassword();
        Map<String, Object> person = new java.util.LinkedHashMap<>();
        person.put("username", username);
        person.put("password", password);
        person.put("org", orgId);
        person.put("roles", List.of(role));
        people.removeIf(p -> username.equals(p.get("username")));
        people.add(person);
        try {
            Path tmp = usersFile().resolveSibling("identity-users.json.tmp");
            Files.writeString(tmp, new tools.jackson.databind.ObjectMapper().writeValueAsString(people));
            Files.move(tmp, usersFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return password;
    }

    /**
     * Signs {@code username} in at the identity service as a browser does (authorization code + PKCE, for the
     * console's client) and returns the access token for {@code Authorization: Bearer}.
     */
    public String signIn(String username, String password) {
        return new OidcSignIn(identityUrl(), "chainwatch-console", gatewayUrl() + "/auth/callback")
                .signIn(username, password).accessToken();
    }

    private Path usersFile() {
        return settings.workDir().resolve("identity-users.json");
    }

    private static String newPassword() {
        return java.util.UUID.randomUUID().toString().substring(0, 13);
    }

    public String gatewayUrl() {
        return "http://127.0.0.1:" + settings.gatewayPort();
    }

    public String kafkaBootstrapServers() {
        return kafka.getBrokersAsString();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/postgres";
    }

    public Anvil anvil() {
        return anvil;
    }

    public MailCatcher mail() {
        return mail;
    }

    /** The test Fabric peer and its registration, or {@code null} when {@link Settings#fabricPeer()} was false. */
    public FabricDev fabric() {
        return fabric;
    }

    /** The registered dev chain, or {@code null} when {@link Settings#registerDevChain()} was false. */
    public DevChain devChain() {
        return devChain;
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    public ServiceProcess service(String module) {
        return services.stream().filter(s -> s.name().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module));
    }

    /** Process ids of everything this stack runs as a separate process, plus this JVM (broker, database host, mail). */
    public List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(ProcessHandle.current().pid());
        services.stream().filter(ServiceProcess::isAlive).forEach(s -> pids.add(s.pid()));
        if (anvil != null && anvil.isAlive()) {
            pids.add(anvil.pid());
        }
        ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                .forEach(p -> pids.add(p.pid()));
        return pids;
    }

    @Override
    public void close() {
        services.parallelStream().forEach(ServiceProcess::close);
        if (anvil != null) {
            anvil.close();
        }
        if (fabricOperations != null) {
            fabricOperations.close();
        }
        if (fabricPeer != null) {
            try {
                fabricPeer.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mail != null) {
            mail.close();
        }
        if (kafka != null) {
            kafka.destroy();
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (java.io.IOException e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e);
            }
        }
    }
}
