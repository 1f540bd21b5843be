package io.chainwatch.registry.reconciliation;

import java.time.Duration;
import java.util.List;

import io.chainwatch.registry.platform.FakeBaasServer;
import io.chainwatch.registry.provisioning.ProvisioningTestBase;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled reconciliation (interval 1 s here, 5 min by default) picks up a node the platform added. */
@TestPropertySource(properties = "chainwatch.registry.reconciliation.interval=1s")
class ReconciliationScheduleIT extends ProvisioningTestBase {

    @Test
    void aNodeThePlatformAddsIsMonitoredWithoutAnyCall() {
        baas.nodeRpcUrls = List.of("http://127.0.0.1:18545");
        String name = unique("sched");
        String bc = businessChain(name, "PRIVATE_CHAIN", orgA);
        assertThat(provision(bc, null).path("status").asString()).isEqualTo("SUCCEEDED");
        String chainId = get("/api/v1/business-chains/" + bc + "/provisioning").json().path("chains").get(0)
                .path("chainId").asString();
        FakeBaasServer.Ledger ledger = baas.ledgers.values().stream().filter(l -> l.name().equals(name)).findFirst()
                .orElseThrow();
        ledger.nodes().put(name + "-node-9", "http://127.0.0.1:18549");

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(nodesOf(chainId)).extracting(n -> n.path("name").asString()).contains(name + "-node-9"));
        JsonNode runs = get("/api/v1/platforms/" + platformId + "/reconciliation").json();
        assertThat(runs.valueStream().filter(r -> r.path("trigger").asString().equals("SCHEDULE"))
                .flatMap(r -> r.path("differences").valueStream())
                .map(d -> d.path("type").asString() + " " + d.path("nodeName").asString()))
                .contains("NODE_ADDED " + name + "-node-9");
    }
}
