package io.chainwatch.registry.businesschain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.chainwatch.registry.organization.ResourceSpaceKind;

/** How a business chain's ledgers are laid out over its members' resources. */
public enum CreateMode {

    /** Several subchains sharing one set of nodes: every member brings a resource space, all of one kind. */
    MULTI_SUBCHAIN_SHARED_NODES,
    /** One isolated chain per member, each in that member's own resource space: every member brings one. */
    ISOLATED_SINGLE_CHAINS,
    /** A private chain: exactly one member, with a resource space. */
    PRIVATE_CHAIN;

    /**
     * Why the members cannot use this mode, or {@code null} when they can.
     *
     * @param members the business chain's member organizations
     * @param spaces  each member's resource space kind (members without a space are absent)
     */
    public String check(List<UUID> members, Map<UUID, ResourceSpaceKind> spaces) {
        List<UUID> without = members.stream().filter(m -> !spaces.containsKey(m)).toList();
        if (this == PRIVATE_CHAIN && members.size() != 1) {
            return "a PRIVATE_CHAIN has exactly one member organization, not " + members.size();
        }
        if (!without.isEmpty()) {
            return name() + " needs a resource space for every member; without one: " + without;
        }
        if (this == MULTI_SUBCHAIN_SHARED_NODES) {
            Set<ResourceSpaceKind> kinds = members.stream().map(spaces::get).collect(Collectors.toSet());
            if (kinds.size() > 1) {
                return "MULTI_SUBCHAIN_SHARED_NODES shares nodes, so every member's resource space must be of one "
                        + "kind (all TENANT or all PHYSICAL), found " + kinds;
            }
        }
        return null;
    }
}
