package io.chainwatch.registry.businesschain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.organization.ResourceSpaceKind;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CreateModeTest {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();

    @Test
    void privateChainHasExactlyOneMemberWithASpace() {
        assertThat(CreateMode.PRIVATE_CHAIN.check(List.of(a), Map.of(a, ResourceSpaceKind.PHYSICAL))).isNull();
        assertThat(CreateMode.PRIVATE_CHAIN.check(List.of(a), Map.of())).contains("resource space");
        assertThat(CreateMode.PRIVATE_CHAIN.check(List.of(a, b), Map.of(a, ResourceSpaceKind.TENANT,
                b, ResourceSpaceKind.TENANT))).contains("exactly one");
    }

    @Test
    void isolatedChainsNeedASpacePerMemberOfAnyKind() {
        assertThat(CreateMode.ISOLATED_SINGLE_CHAINS.check(List.of(a, b), Map.of(a, ResourceSpaceKind.TENANT,
                b, ResourceSpaceKind.PHYSICAL))).isNull();
        assertThat(CreateMode.ISOLATED_SINGLE_CHAINS.check(List.of(a, b), Map.of(a, ResourceSpaceKind.TENANT)))
                .contains(b.toString());
    }

    @Test
    void sharedNodesNeedSpacesOfOneKind() {
        assertThat(CreateMode.MULTI_SUBCHAIN_SHARED_NODES.check(List.of(a, b), Map.of(a, ResourceSpaceKind.PHYSICAL,
                b, ResourceSpaceKind.PHYSICAL))).isNull();
        assertThat(CreateMode.MULTI_SUBCHAIN_SHARED_NODES.check(List.of(a, b), Map.of(a, ResourceSpaceKind.TENANT,
                b, ResourceSpaceKind.PHYSICAL))).contains("one kind");
    }
}
