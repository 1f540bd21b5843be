package io.chainwatch.registry.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import io.chainwatch.registry.RegistryApplication;
import io.chainwatch.registry.platform.FakeBaasServer;
import io.chainwatch.registry.support.RegistryTestBase;
import io.chainwatch.testkit.SharedServers;
import io.chainwatch.testkit.TestCallers;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backup → a new, empty database (schema created by the service's migrations, as a fresh stack does on first
 * start) → restore → a second registry instance on it gives the same API answers, and the restored (still
 * encrypted) platform credentials still work. Through {@link BackupCli}, the documented command.
 */
class BackupRestoreIT extends RegistryTestBase {

    @TempDir
    Path dir;

    @Test
    void aRestoredStackGivesTheSameAnswers() throws Exception {
        try (FakeBaasServer baas = new FakeBaasServer()) {
            String orgId = createOrganization("backup");
            String chainId = createChain(orgId, unique("chain"));
            Response node = post("/api/v1/nodes", "{\"chainId\": \"" + chainId + "\", \"name\": \"n1\", \"rpcUrl\": "
                    + "\"http://127.0.0.1:18545\"}");
            String nodeId = node.field("id");
            Response submitted = post("/api/v1/platforms", "{\"orgId\": \"" + orgId + "\", \"name\": \"" + unique("b")
                    + "\", \"baseUrl\": \"" + baas.baseUrl() + "\", \"auth\": {\"type\": \"TOKEN\", \"token\": \""
                    + FakeBaasServer.TOKEN + "\"}, \"openApi\": " + json.writeValueAsString(resource("baas-openapi.yaml"))
                    + ", \"template\": " + resource("good-template.json") + "}");
            assertThat(awaitTask(submitted.field("taskId")).path("status").asString()).isEqualTo("SUCCEEDED");
            String platformId = submitted.field("platformId");
            List<String> paths = List.of("/api/v1/organizations/" + orgId, "/api/v1/chains/" + chainId,
                    "/api/v1/nodes/" + nodeId, "/api/v1/nodes?chainId=" + chainId, "/api/v1/platforms/" + platformId,
                    "/api/v1/tasks/" + submitted.field("taskId"), "/api/v1/audit?orgId=" + orgId);

            String registryUrl = SharedServers.database(RegistryTestBase.DATABASE);
            String restoredUrl = SharedServers.newDatabase("restored");
            Flyway.configure().dataSource(restoredUrl, "postgres", "postgres").schemas("registry")
                    .defaultSchema("registry").locations("classpath:db/migration").load().migrate();

            // tables other tests created in the shared test database are not the service's: left out
            List<String> excluded = new java.util.ArrayList<>(tableNames(registryUrl));
            excluded.removeAll(tableNames(restoredUrl));
            Path file = dir.resolve("chainwatch-backup.zip");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int backup = BackupCli.run(new String[] {"backup", "--jdbc-url", registryUrl, "--user",
                    "postgres", "--password", "postgres", "--exclude", String.join(",", excluded), "--file", file.toString()},
                    new PrintStream(out, true));
            assertThat(backup).as(out.toString()).isZero();
            assertThat(out.toString()).contains("registry: backed up", "alert: not in the source database");
            assertThat(new String(java.nio.file.Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
                    .as("secrets stay encrypted in the backup").doesNotContain(FakeBaasServer.TOKEN);

            // a restore that does not fit changes nothing
            ByteArrayOutputStream refused = new ByteArrayOutputStream();
            assertThat(BackupCli.run(new String[] {"restore", "--jdbc-url", restoredUrl, "--user", "postgres",
                    "--password", "postgres", "--file", dir.resolve("missing.zip").toString()},
                    new PrintStream(refused, true))).isEqualTo(1);

            out.reset();
            int restore = BackupCli.run(new String[] {"restore", "--jdbc-url", restoredUrl, "--user", "postgres",
                    "--password", "postgres", "--file", file.toString()}, new PrintStream(out, true));
            assertThat(restore).as(out.toString()).isZero();
            assertThat(out.toString()).contains("registry: restored");

            try (ConfigurableApplicationContext restored = new SpringApplicationBuilder(RegistryApplication.class)
                    .run("--server.port=0", "--spring.datasource.url=" + restoredUrl,
                            "--spring.datasource.username=postgres", "--spring.datasource.password=postgres",
                            "--spring.kafka.bootstrap-servers=" + RegistryTestBase.kafkaBootstrapServers(),
                            "--" + TestCallers.PUBLIC_KEY_PROPERTY + "=" + TestCallers.publicKey(),
                            "--chainwatch.registry.collector-key.public-key="
                                    + io.chainwatch.security.InternalKeys.encodePublic(COLLECTOR_KEY),
                            "--chainwatch.security.urls.allow-loopback=true",
                            "--spring.datasource.hikari.maximum-pool-size=3")) {
                int restoredPort = ((WebServerApplicationContext) restored).getWebServer().getPort();
                for (String path : paths) {
                    JsonNode original = get(path).json();
                    JsonNode copy = json.readTree(fetch(restoredPort, path));
                    assertThat(copy).as(path).isEqualTo(original);
                }
                // the restored, still encrypted, token still authenticates at the platform
                HttpResponse<String> call = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + restoredPort + "/api/v1/platforms/" + platformId
                                + "/operations/ledgerSummary"))
                        .header("Content-Type", "application/json")
                        .header(TestCallers.HEADER, TestCallers.platformAdmin(SERVICE))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": {\"chainId\": \"L9\"}}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
                assertThat(baas.seen).anySatisfy(seen -> {
                    assertThat(seen.pathAndQuery()).startsWith("/mgmt/ledgers/L9/overview");
                    assertThat(seen.authenticated()).isTrue();
                });
            }
        }
    }

    /** The registry schema's tables in a database, as schema.table. */
    private static List<String> tableNames(String url) throws java.sql.SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                java.sql.ResultSet rs = connection.createStatement().executeQuery("select table_name from "
                        + "information_schema.tables where table_schema = 'registry' and table_type = 'BASE TABLE'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add("registry." + rs.getString(1));
            }
            return names;
        }
    }

    private static String fetch(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path))
                .header(TestCallers.HEADER, TestCallers.platformAdmin(SERVICE)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = BackupRestoreIT.class.getResourceAsStream("/platform/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
