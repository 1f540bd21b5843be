package io.chainwatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.chainwatch.testkit.fabric.TestFabricPeer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every Grafana panel returns data against a live Prometheus: the local stack runs (anvil registered with its
 * default rules, one stall provoked so the alert metrics move; the test Fabric peer registered as chain
 * {@code fabric-dev}, its last four captured blocks committed one by one), a real Prometheus scrapes it with the
 * jobs and rules of prometheus/ (the peer's operations endpoint as job {@code fabric-operations}), and every PromQL
 * expression of every dashboard in grafana/dashboards is evaluated through Prometheus's HTTP API with the template
 * variables set as a user would set them.
 *
 * <p>Needs Debian's {@code prometheus} package ({@code .ci/run} installs it). Without it the test is skipped
 * locally and fails in CI.
 */
class DashboardsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)|\\$\\{(\\w+)}");

    private static LocalStack stack;
    private static PrometheusServer prometheus;
    private static Path repo;

    @BeforeAll
    static void start() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (!ci) {
            Assumptions.assumeTrue(PrometheusServer.installed(),
                    "prometheus is not installed (apt-get install -y prometheus); CI installs it and runs this test");
        }
        repo = LocalStackMain.repoRoot();
        Path work = Files.createTempDirectory("chainwatch-dashboards");
        stack = LocalStack.start(LocalStack.Settings.ephemeral(repo, work)
                .withDevChain(true).withRules(3, 60, "ops@chainwatch.local").withFabricPeer(true));
        Map<String, String> jobs = new LinkedHashMap<>();
        for (ServiceProcess service : stack.services()) {
            // prometheus.yml's jobs scrape the services' management ports (docker-compose: 9080..9084)
            jobs.put(service.name(), "127.0.0.1:" + service.managementPort());
        }
        LocalStack.FabricDev fabric = stack.fabric();
        prometheus = PrometheusServer.start(repo, jobs, new PrometheusServer.FabricOperations(
                fabric.operations().hostPort(), "local-dev", LocalStack.Settings.FABRIC_CHAIN,
                LocalStack.Settings.FABRIC_NODE), work);

        // Fabric: once the collector listens for block events, the test peer commits its last captured blocks
        // (4 to 7: seven transactions, one MVCC_READ_CONFLICT) one by one, a few scrapes apart
        await().atMost(Duration.ofSeconds(60)).until(() -> !fabric.peer().deliverStarts().isEmpty());
        while (fabric.peer().height() < TestFabricPeer.BLOCKS) {
            Thread.sleep(2000);
            fabric.peer().commitNext();
        }

        // business rows through change-data-capture: a table of the local database becomes a source
        LocalStack.DevChain dev = stack.devChain();
        sql("CREATE SCHEMA demo", "CREATE TABLE demo.orders (id serial PRIMARY KEY, amount numeric(12,2), region text)");
        stack.api().create("/api/v1/cdc/sources", """
                {"orgId":"%s","chainId":"%s","name":"orders",
                 "database":{"jdbcUrl":"%s","username":"postgres","password":"postgres"},
                 "schema":"demo","table":"orders","metrics":{"amount":"orders.amount"},"tags":["region"]}"""
                .formatted(dev.orgId(), dev.chainId(), stack.jdbcUrl()));
        sql("INSERT INTO demo.orders (amount, region) VALUES (10.5, 'eu'), (7, 'us')");

        // move the alert metrics: one stall, fired and resolved
        stack.anvil().stopMining();
        await().atMost(Duration.ofSeconds(40)).until(() -> hasMail("[FIRING] Chain stalled"));
        // an operator acknowledges it (time to acknowledge), then the chain recovers (time to resolve)
        JsonNode firing = stack.api().get("/api/v1/alerts?status=FIRING").json();
        assertThat(firing.size()).isEqualTo(1);
        ApiClient.Response ack = stack.api().post("/api/v1/alerts/" + firing.get(0).get("fingerprint").asString()
                + "/acknowledge", "{\"by\":\"dashboards-test\"}");
        assertThat(ack.status()).isEqualTo(200);
        stack.anvil().resumeMining(1);
        await().atMost(Duration.ofSeconds(40)).until(() -> hasMail("[RESOLVED] Chain stalled"));

        await().atMost(Duration.ofSeconds(60)).until(() -> prometheus.targetHealth().values().stream().allMatch("up"::equals)
                && prometheus.targetHealth().size() == jobs.size() + 1);
        // the registry recomputes chains' availability every 30 s: wait for the first value after the chains got nodes
        await().atMost(Duration.ofSeconds(90)).until(() -> !prometheus.query("chainwatch_chain_availability_ratio").isEmpty());
        sql("INSERT INTO demo.orders (amount, region) VALUES (3, 'eu')");
        Thread.sleep(5000); // a few more scrapes so that rate() and increase() have two points after the alert
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyPanelOfEveryDashboardReturnsData() throws IOException {
        List<String> empty = new ArrayList<>();
        int expressions = 0;
        for (Path file : dashboards()) {
            JsonNode dashboard = JSON.readTree(file.toFile());
            Map<String, String> variables = resolveVariables(dashboard, file.getFileName().toString(), empty);
            for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = substitute(target.get("expr").asString(), variables);
                    expressions++;
                    JsonNode result = prometheus.query(expr);
                    if (result.isEmpty()) {
                        empty.add(file.getFileName() + " / " + panel.get("title").asString() + ": " + expr);
                    }
                }
            }
        }
        assertThat(expressions).as("panel expressions found").isGreaterThan(20);
        assertThat(empty).as("panels without data").isEmpty();
    }

    @Test
    void theFabricPanelsShowTheBlocksTheTestPeerCommitted() {
        String peer = "chain=\"fabric-dev\", node=\"peer0.org1\", channel=\"mychannel\"";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(value("chainwatch_fabric_channel_height{" + peer + "}")).isEqualTo(8.0);
            assertThat(value("chainwatch_fabric_channel_up{" + peer + "}")).isEqualTo(1.0);
            assertThat(value("chainwatch_fabric_channel_blocks_total{" + peer + "}")).isEqualTo(4.0);
            assertThat(value("chainwatch_fabric_channel_transactions_total{" + peer + ", result=\"valid\"}")).isEqualTo(6.0);
            assertThat(value("chainwatch_fabric_channel_transactions_total{" + peer + ", result=\"invalid\"}")).isEqualTo(1.0);
            // block 7 (02:36:11.877) after block 6 (02:36:06.165)
            assertThat(value("chainwatch_fabric_channel_commit_interval_seconds{" + peer + "}")).isEqualTo(5.712);
        });
        // the peer's own operations metrics, scraped by Prometheus with the names the peer is registered under
        String ops = "job=\"fabric-operations\", org=\"local-dev\", chain=\"fabric-dev\", node=\"peer0.org1\"";
        assertThat(value("ledger_blockchain_height{" + ops + ", channel=\"mychannel\"}")).isEqualTo(8.0);
        assertThat(value("sum(ledger_transaction_count{" + ops + ", validation_code=\"MVCC_READ_CONFLICT\"})")).isEqualTo(1.0);
        assertThat(value("endorser_proposals_received{" + ops + "}")).isEqualTo(35.0);
    }

    /** The value of a query that gives exactly one series. */
    private static double value(String promql) {
        JsonNode result = prometheus.query(promql);
        assertThat(result).as(promql).hasSize(1);
        return Double.parseDouble(result.get(0).get("value").get(1).asString());
    }

    @Test
    void templateVariablesOfferTheRegisteredChain() throws IOException {
        JsonNode chains = JSON.readTree(repo.resolve("grafana/dashboards/chains-overview.json").toFile());
        List<String> problems = new ArrayList<>();
        Map<String, String> variables = resolveVariables(chains, "chains-overview.json", problems);
        assertThat(problems).isEmpty();
        assertThat(variables).containsEntry("org", "local-dev").containsEntry("chain", "anvil-dev");
    }

    @Test
    void platformRulesAreLoadedAndNoneFiresOnAHealthyStack() {
        JsonNode rules = prometheus.query("ALERTS{alertstate=\"firing\"}");
        assertThat(rules).as("platform alerts firing on a healthy stack").isEmpty();
        assertThat(prometheus.query("up{job=\"alert-service\"} == 1")).hasSize(1);
    }

    @Test
    void promtoolAcceptsTheConfigurationAndTheRulesAndTheirUnitTests(@TempDir Path targets) throws Exception {
        List<String> rules = new ArrayList<>(List.of("promtool", "check", "rules"));
        List<String> ruleTests = new ArrayList<>(List.of("promtool", "test", "rules"));
        try (Stream<Path> files = Files.list(repo.resolve("prometheus/rules"))) {
            files.map(Path::toString).sorted().forEach(rules::add);
        }
        try (Stream<Path> files = Files.list(repo.resolve("prometheus/tests"))) {
            files.map(Path::toString).sorted().forEach(ruleTests::add);
        }
        assertThat(run(List.of("promtool", "check", "config", repo.resolve("prometheus/prometheus.yml").toString())))
                .contains("SUCCESS");
        // the job this test scrapes the Fabric peer with is the one production has
        assertThat(Files.readString(repo.resolve("prometheus/prometheus.yml")))
                .contains("job_name: " + PrometheusServer.FABRIC_OPERATIONS_JOB);
        // the committed example targets file is a valid file_sd file (promtool reads the files a config names)
        Files.copy(repo.resolve("prometheus/targets/fabric-network.json.example"), targets.resolve("fabric-example.json"));
        Path config = Files.writeString(targets.resolve("prometheus.yml"), """
                scrape_configs:
                  - job_name: %s
                    file_sd_configs:
                      - files: ["%s/fabric-*.json"]
                """.formatted(PrometheusServer.FABRIC_OPERATIONS_JOB, targets));
        assertThat(run(List.of("promtool", "check", "config", config.toString()))).contains("SUCCESS")
                .doesNotContain("WARNING");
        assertThat(run(rules)).contains("SUCCESS");
        assertThat(run(ruleTests)).contains("SUCCESS");
    }

    /**
     * Sets each template variable to the first value Prometheus offers for it, in order (later ones use earlier
     * ones); a variable without values is reported in {@code problems}.
     */
    private static Map<String, String> resolveVariables(JsonNode dashboard, String file, List<String> problems) {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String query = substitute(variable.get("query").get("query").asString(), values);
            Matcher m = Pattern.compile("label_values\\((.*),\\s*(\\w+)\\)").matcher(query);
            assertThat(m.matches()).as("variable query " + query).isTrue();
            List<String> offered = prometheus.labelValues(m.group(2), m.group(1));
            String name = variable.get("name").asString();
            if (offered.isEmpty()) {
                problems.add(file + " / variable $" + name + ": " + query);
                values.put(name, "");
            } else {
                values.put(name, offered.get(0));
            }
        }
        return values;
    }

    private static String substitute(String expr, Map<String, String> variables) {
        Matcher matcher = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
            String value = switch (name) {
                case "__rate_interval" -> "30s";
                case "__interval" -> "5s";
                case "__range" -> "10m";
                default -> variables.containsKey(name) ? escapeRegex(variables.get(name)) : null;
            };
            if (value == null) {
                throw new IllegalStateException("unknown variable $" + name + " in " + expr);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** A label value as a PromQL regex literal inside double quotes. */
    private static String escapeRegex(String value) {
        return value.replaceAll("([.\\\\+*?\\[^\\]$(){}=!<>|:-])", "\\\\\\\\$1");
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add); // panels inside a collapsed row
        }
        return all;
    }

    private static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(repo.resolve("grafana/dashboards"))) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertThat(list).isNotEmpty();
            return list;
        }
    }

    private static void sql(String... statements) throws java.sql.SQLException {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(stack.jdbcUrl(), "postgres", "postgres");
             java.sql.Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private static boolean hasMail(String subjectPrefix) {
        return stack.mail().messages().stream().anyMatch(m -> m.subject().startsWith(subjectPrefix));
    }

    private static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(command + " exit code; output:\n" + output).isZero();
        return output;
    }
}
