package io.chainwatch.registry.platform;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standard interface every platform is mapped onto, in five groups. Each operation names the inputs a template
 * may use ({@code {{name}}}) and the result fields a mapping must provide, with their types.
 */
public enum StandardOperation {

    CREATE_NETWORK("createNetwork", Group.NETWORK, List.of("name"), Map.of("networkId", FieldType.STRING)),
    DELETE_NETWORK("deleteNetwork", Group.NETWORK, List.of("networkId"), Map.of()),
    JOIN_NETWORK("joinNetwork", Group.NETWORK, List.of("networkId", "orgId"), Map.of()),
    LEAVE_NETWORK("leaveNetwork", Group.NETWORK, List.of("networkId", "orgId"), Map.of()),

    CREATE_CHAIN("createChain", Group.CHAIN, List.of("networkId", "name", "consensus"), Map.of("chainId", FieldType.STRING)),
    DELETE_CHAIN("deleteChain", Group.CHAIN, List.of("chainId"), Map.of()),
    JOIN_CHAIN("joinChain", Group.CHAIN, List.of("chainId", "orgId"), Map.of()),
    LEAVE_CHAIN("leaveChain", Group.CHAIN, List.of("chainId", "orgId"), Map.of()),

    DEPLOY_CONTRACT("deployContract", Group.CONTRACT, List.of("chainId", "name", "version", "code"),
            Map.of("contractId", FieldType.STRING)),
    UPGRADE_CONTRACT("upgradeContract", Group.CONTRACT, List.of("chainId", "contractId", "version", "code"), Map.of()),
    DELETE_CONTRACT("deleteContract", Group.CONTRACT, List.of("chainId", "contractId"), Map.of()),

    LEDGER_SUMMARY("ledgerSummary", Group.OPERATIONS, List.of("chainId"),
            ordered("blockHeight", FieldType.INTEGER, "transactionCount", FieldType.INTEGER)),
    TRANSACTION_LIST("transactionList", Group.OPERATIONS, List.of("chainId", "page", "size"),
            Map.of("transactions", FieldType.ARRAY)),
    TRANSACTION("transaction", Group.OPERATIONS, List.of("chainId", "hash"),
            ordered("hash", FieldType.STRING, "blockNumber", FieldType.INTEGER)),
    BLOCK_LIST("blockList", Group.OPERATIONS, List.of("chainId", "from", "to"), Map.of("blocks", FieldType.ARRAY)),
    MONITORING("monitoring", Group.OPERATIONS, List.of("chainId"), Map.of("status", FieldType.STRING)),
    NETWORK_DETAILS("networkDetails", Group.OPERATIONS, List.of("networkId"),
            ordered("networkId", FieldType.STRING, "name", FieldType.STRING)),
    NODES("nodes", Group.OPERATIONS, List.of("chainId"), Map.of("nodes", FieldType.ARRAY)),
    CHAIN_INFO("chainInfo", Group.OPERATIONS, List.of("chainId"),
            ordered("chainId", FieldType.STRING, "name", FieldType.STRING, "blockHeight", FieldType.INTEGER)),

    START_NODE("startNode", Group.NODE, List.of("chainId", "node"), Map.of()),
    STOP_NODE("stopNode", Group.NODE, List.of("chainId", "node"), Map.of()),
    RESTART_NODE("restartNode", Group.NODE, List.of("chainId", "node"), Map.of());

    /**
     * The groups of the standard interface: network, chain and contract management, the (read-only) operations
     * group, and node operations (start / stop / restart a node the platform runs, {@code node} = its name).
     */
    public enum Group {
        NETWORK,
        CHAIN,
        CONTRACT,
        OPERATIONS,
        NODE
    }

    /** Operations every registered platform must map: what monitoring needs. */
    public static final List<StandardOperation> REQUIRED = List.of(LEDGER_SUMMARY, CHAIN_INFO);

    private final String id;
    private final Group group;
    private final List<String> inputs;
    private final Map<String, FieldType> result;

    StandardOperation(String id, Group group, List<String> inputs, Map<String, FieldType> result) {
        this.id = id;
        this.group = group;
        this.inputs = inputs;
        this.result = result;
    }

    /** The operation's name in templates and URLs, e.g. {@code ledgerSummary}. */
    public String id() {
        return id;
    }

    public Group group() {
        return group;
    }

    /** Names a template may use as {@code {{name}}}. */
    public List<String> inputs() {
        return inputs;
    }

    /** Result fields a mapping must provide, with their types. */
    public Map<String, FieldType> result() {
        return result;
    }

    public static Optional<StandardOperation> byId(String id) {
        return Arrays.stream(values()).filter(op -> op.id.equals(id)).findFirst();
    }

    private static Map<String, FieldType> ordered(Object... pairs) {
        Map<String, FieldType> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (FieldType) pairs[i + 1]);
        }
        return map;
    }
}
