package io.chainwatch.registry.provisioning;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.registry.businesschain.BusinessChain;
import io.chainwatch.registry.businesschain.CreateMode;
import io.chainwatch.registry.monitoredchain.Platform;
import io.chainwatch.registry.task.StepPlan;
import io.chainwatch.registry.web.InvalidRequestException;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The steps that build a business chain on a platform, by create mode, and the task input they read.
 * <ul>
 * <li>{@code PRIVATE_CHAIN}: createNetwork → createChain → monitor, all for the one member.</li>
 * <li>{@code ISOLATED_SINGLE_CHAINS}: per member (in parallel within a stage) its own network and chain, named
 * {@code <business chain>-<organization>}, monitored by that member.</li>
 * <li>{@code MULTI_SUBCHAIN_SHARED_NODES}: one network; the other members join it; one chain per subchain; the
 * other members join each; the owner monitors them.</li>
 * </ul>
 * Step params are names (network, chain, {@code chain/orgId} for joins), so the task shows what each step is about.
 */
public final class ProvisioningPlan {

    /** Type of the provisioning task. */
    public static final String TYPE = "business-chain.provision";

    static final int CREATE_NETWORK = 0;
    static final int JOIN_NETWORK = 1;
    static final int CREATE_CHAIN = 2;
    static final int JOIN_CHAIN = 3;
    static final int MONITOR = 4;

    /** The planned steps and the task input. */
    public record Plan(ObjectNode input, List<StepPlan> steps) {
    }

    private ProvisioningPlan() {
    }

    /**
     * @param orgNames name of every member organization
     */
    public static Plan of(JsonMapper json, BusinessChain chain, Map<UUID, String> orgNames, ProvisioningRequest request) {
        ObjectNode input = json.createObjectNode()
                .put("businessChainId", chain.id().toString())
                .put("platformId", request.platformId().toString())
                .put("ownerOrgId", chain.ownerOrgId().toString())
                .put("createMode", chain.createMode().name())
                .put("chainPlatform", (request.chainPlatform() == null ? Platform.ETHEREUM : request.chainPlatform()).name())
                .put("consensus", request.consensus() == null || request.consensus().isBlank() ? "raft" : request.consensus())
                .put("pollIntervalMs", request.pollIntervalMs() == null ? 1000 : request.pollIntervalMs());
        ArrayNode networks = input.putArray("networks");
        ArrayNode chains = input.putArray("chains");
        List<StepPlan> steps = new ArrayList<>();
        List<UUID> members = chain.memberOrgIds();
        List<UUID> others = members.stream().filter(m -> !m.equals(chain.ownerOrgId())).toList();
        if (chain.createMode() != CreateMode.MULTI_SUBCHAIN_SHARED_NODES && request.subchains() != null
                && !request.subchains().isEmpty()) {
            throw new InvalidRequestException("subchains", "are only for MULTI_SUBCHAIN_SHARED_NODES business chains");
        }
        switch (chain.createMode()) {
            case PRIVATE_CHAIN, ISOLATED_SINGLE_CHAINS -> {
                boolean isolated = chain.createMode() == CreateMode.ISOLATED_SINGLE_CHAINS;
                List<UUID> owners = isolated ? members : List.of(chain.ownerOrgId());
                for (UUID org : owners) {
                    String name = isolated ? chain.name() + "-" + orgNames.getOrDefault(org, org.toString()) : chain.name();
                    checkName(name);
                    networks.addObject().put("name", name).put("orgId", org.toString());
                    chains.addObject().put("name", name).put("network", name).put("orgId", org.toString())
                            .put("localName", name);
                    steps.add(new StepPlan(CREATE_NETWORK, "createNetwork", name));
                    steps.add(new StepPlan(CREATE_CHAIN, "createChain", name));
                    steps.add(new StepPlan(MONITOR, "monitor", name));
                }
            }
            case MULTI_SUBCHAIN_SHARED_NODES -> {
                String network = chain.name();
                checkName(network);
                networks.addObject().put("name", network).put("orgId", chain.ownerOrgId().toString());
                steps.add(new StepPlan(CREATE_NETWORK, "createNetwork", network));
                others.forEach(org -> steps.add(new StepPlan(JOIN_NETWORK, "joinNetwork", network + "/" + org)));
                Set<String> subchains = new LinkedHashSet<>(request.subchains() == null || request.subchains().isEmpty()
                        ? List.of(chain.name()) : request.subchains());
                for (String subchain : subchains) {
                    String localName = subchain.equals(chain.name()) ? chain.name() : chain.name() + "-" + subchain;
                    checkName(localName);
                    chains.addObject().put("name", subchain).put("network", network)
                            .put("orgId", chain.ownerOrgId().toString()).put("localName", localName);
                    steps.add(new StepPlan(CREATE_CHAIN, "createChain", subchain));
                    others.forEach(org -> steps.add(new StepPlan(JOIN_CHAIN, "joinChain", subchain + "/" + org)));
                    steps.add(new StepPlan(MONITOR, "monitor", subchain));
                }
            }
            default -> throw new IllegalStateException("unknown create mode " + chain.createMode());
        }
        steps.sort(java.util.Comparator.comparingInt(StepPlan::stage));
        return new Plan(input, steps);
    }

    /** The standard operations a plan calls (and, for the rollback, their undo operations). */
    public static Set<String> operationsNeeded(CreateMode mode, int members) {
        Set<String> ops = new LinkedHashSet<>(List.of("createNetwork", "deleteNetwork", "createChain", "deleteChain",
                "nodes"));
        if (mode == CreateMode.MULTI_SUBCHAIN_SHARED_NODES && members > 1) {
            ops.addAll(List.of("joinNetwork", "leaveNetwork", "joinChain", "leaveChain"));
        }
        return ops;
    }

    private static void checkName(String name) {
        if (name.length() > 100) {
            throw new InvalidRequestException("name", "the chain name '" + name + "' would be longer than 100 characters");
        }
    }
}
