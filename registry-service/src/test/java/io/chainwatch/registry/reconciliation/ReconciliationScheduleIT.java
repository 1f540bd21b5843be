package io.chainwatch.registry.reconciliation;

import java.util.List;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;

import io.chainwatch.registry.platform.FakeBaasServer;
import io.chainwatch.registry.provisioning.ProvisioningRepository;
import io.chainwatch.registry.provisioning.ProvisioningTestBase;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled reconciliation: its db-scheduler recurring task is registered (5 min by default), and one scheduled
 * round picks up a node the platform added, recorded as a SCHEDULE run. (The round is called directly rather than
 * waiting for the interval, so this test shares the other tests' application context.)
 */
class ReconciliationScheduleIT extends ProvisioningTestBase {

    @Autowired
    List<RecurringTask<?>> recurring;

    @Autowired
    Reconciler reconciler;

    @Autowired
    ProvisioningRepository platformChains;

    @Test
    void aScheduledRoundMonitorsANodeThePlatformAdded() {
        assertThat(recurring).extracting(t -> t.getName()).contains(ReconciliationSchedule.NAME);
        String name = unique("sched");
        String chainId = provisionedChain(name);
        ledger(name).nodes().put(name + "-node-9", "http://127.0.0.1:18549");

        ReconciliationSchedule.runAll(reconciler, platformChains);

        assertThat(nodesOf(chainId)).extracting(n -> n.path("name").asString()).contains(name + "-node-9");
        JsonNode runs = get("/api/v1/platforms/" + platformId + "/reconciliation").json();
        assertThat(runs.get(0).path("trigger").asString()).isEqualTo("SCHEDULE");
        assertThat(runs.get(0).path("differences").valueStream()
                .map(d -> d.path("type").asString() + " " + d.path("nodeName").asString()))
                .containsExactly("NODE_ADDED " + name + "-node-9");
    }

    /**
     * While its organization is deactivated, a platform is not reconciled on schedule: its management API is not
     * called (with the organization's credentials), no run is recorded, a node it added is not monitored; after
     * reactivation the next round picks it up.
     */
    @Test
    void aDeactivatedOrganizationsPlatformIsLeftAloneUntilItIsReactivated() {
        String name = unique("paused");
        String chainId = provisionedChain(name);
        ledger(name).nodes().put(name + "-node-7", "http://127.0.0.1:18547");
        assertThat(post("/api/v1/organizations/" + orgA + "/deactivate", null).status()).isEqualTo(200);
        int runsBefore = get("/api/v1/platforms/" + platformId + "/reconciliation").json().size();
        int callsBefore = baas.seen.size();

        ReconciliationSchedule.runAll(reconciler, platformChains);

        assertThat(baas.seen).as("calls to the platform's API").hasSize(callsBefore);
        assertThat(get("/api/v1/platforms/" + platformId + "/reconciliation").json()).hasSize(runsBefore);
        assertThat(nodesOf(chainId)).extracting(n -> n.path("name").asString()).doesNotContain(name + "-node-7");

        assertThat(post("/api/v1/organizations/" + orgA + "/reactivate", null).status()).isEqualTo(200);
        ReconciliationSchedule.runAll(reconciler, platformChains);
        assertThat(nodesOf(chainId)).extracting(n -> n.path("name").asString()).contains(name + "-node-7");
    }

    /** A business chain of {@code orgA} called {@code name}, provisioned on the platform with one node; its chain id. */
    private String provisionedChain(String name) {
        baas.nodeRpcUrls = List.of("http://127.0.0.1:18545");
        String bc = businessChain(name, "PRIVATE_CHAIN", orgA);
        assertThat(provision(bc, null).path("status").asString()).isEqualTo("SUCCEEDED");
        return get("/api/v1/business-chains/" + bc + "/provisioning").json().path("chains").get(0)
                .path("chainId").asString();
    }

    /** The platform's ledger called {@code name}. */
    private FakeBaasServer.Ledger ledger(String name) {
        return baas.ledgers.values().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }
}
