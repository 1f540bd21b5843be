package io.chainwatch.registry.provisioning;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.businesschain.BusinessChain;
import io.chainwatch.registry.businesschain.CreateMode;
import io.chainwatch.registry.task.StepPlan;
import io.chainwatch.registry.web.InvalidRequestException;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProvisioningPlanTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();

    @Test
    void isolatedChainsPlanANetworkAndAChainPerMemberInParallelStages() {
        ProvisioningPlan.Plan plan = ProvisioningPlan.of(json, chain(CreateMode.ISOLATED_SINGLE_CHAINS, a, b),
                Map.of(a, "acme", b, "globex"), new ProvisioningRequest(UUID.randomUUID(), null, null, null, null));
        assertThat(plan.steps()).extracting(s -> s.stage() + " " + s.name() + " " + s.param()).containsExactly(
                "0 createNetwork orders-acme", "0 createNetwork orders-globex", "2 createChain orders-acme",
                "2 createChain orders-globex", "4 monitor orders-acme", "4 monitor orders-globex");
        assertThat(plan.input().path("consensus").asString()).isEqualTo("raft");
        assertThat(plan.input().path("chainPlatform").asString()).isEqualTo("ETHEREUM");
        assertThat(plan.input().path("chains").get(1).path("orgId").asString()).isEqualTo(b.toString());
    }

    @Test
    void sharedSubchainsJoinEveryOtherMember() {
        ProvisioningPlan.Plan plan = ProvisioningPlan.of(json, chain(CreateMode.MULTI_SUBCHAIN_SHARED_NODES, a, b),
                Map.of(), new ProvisioningRequest(UUID.randomUUID(), null, "pbft", List.of("x", "y"), 500L));
        assertThat(plan.steps()).extracting(StepPlan::name).containsExactly("createNetwork", "joinNetwork",
                "createChain", "createChain", "joinChain", "joinChain", "monitor", "monitor");
        assertThat(plan.steps().get(1).param()).isEqualTo("orders/" + b);
        assertThat(plan.input().path("chains").get(0).path("localName").asString()).isEqualTo("orders-x");
        assertThat(ProvisioningPlan.operationsNeeded(CreateMode.MULTI_SUBCHAIN_SHARED_NODES, 2))
                .contains("joinNetwork", "leaveChain");
        assertThat(ProvisioningPlan.operationsNeeded(CreateMode.PRIVATE_CHAIN, 1)).doesNotContain("joinNetwork");
    }

    @Test
    void subchainsOnlyForTheSharedMode() {
        assertThatThrownBy(() -> ProvisioningPlan.of(json, chain(CreateMode.PRIVATE_CHAIN, a), Map.of(),
                new ProvisioningRequest(UUID.randomUUID(), null, null, List.of("x"), null)))
                .isInstanceOf(InvalidRequestException.class);
    }

    private BusinessChain chain(CreateMode mode, UUID... members) {
        return new BusinessChain(UUID.randomUUID(), UUID.randomUUID(), members[0], "orders", mode, List.of(members),
                Instant.now(), null, 1);
    }
}
