package io.chainwatch.registry.ethereum;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.monitoredchain.Chain;
import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.monitoredchain.Platform;
import io.chainwatch.registry.node.Node;
import io.chainwatch.registry.node.NodeService;
import io.chainwatch.registry.operations.ChainOperations;
import io.chainwatch.registry.web.PlatformCallException;
import io.chainwatch.registry.platform.StandardOperation;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The standard operations group on an ETHEREUM chain of the registry, answered by its nodes (the first node that
 * answers, except {@code nodes} and {@code monitoring}, which ask every node). Results carry the standard fields
 * (see {@link StandardOperation}) and Ethereum's own next to them.
 */
@Service
public class EthereumOperations implements ChainOperations {

    /** Blocks a ledger summary counts transactions over (there is no cheap total on Ethereum). */
    static final int SUMMARY_WINDOW = 100;
    /** Most blocks one block list returns. */
    static final int MAX_BLOCKS = 100;

    private final ChainService chains;
    private final NodeService nodes;
    private final EthereumClients clients;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    EthereumOperations(ChainService chains, NodeService nodes, EthereumClients clients,
            TransactionTemplate transaction, JsonMapper json) {
        this.chains = chains;
        this.nodes = nodes;
        this.clients = clients;
        this.transaction = transaction;
        this.json = json;
    }

    /** The chain's node URLs, checking it exists, is ETHEREUM and has nodes. */
    public List<Node> nodesOf(UUID chainId) {
        return transaction.execute(status -> {
            Chain chain = chains.get(chainId);
            if (chain.platform() != Platform.ETHEREUM) {
                throw new ConflictException("Chain '" + chain.name() + "' is " + chain.platform()
                        + "; the native adapter serves ETHEREUM chains");
            }
            List<Node> list = nodes.ofChain(chainId);
            if (list.isEmpty()) {
                throw new ConflictException("Chain '" + chain.name() + "' has no nodes to ask");
            }
            return list;
        });
    }

    @Override
    public Platform platform() {
        return Platform.ETHEREUM;
    }

    @Override
    public ObjectNode invoke(UUID chainId, String operationId, JsonNode inputs) {
        StandardOperation operation = StandardOperation.byId(operationId)
                .orElseThrow(() -> new NotFoundException("No standard operation named '" + operationId + "' exists"));
        if (operation.group() != StandardOperation.Group.OPERATIONS || operation == StandardOperation.NETWORK_DETAILS) {
            throw new ConflictException("The native Ethereum adapter implements the operations group (ledgerSummary, "
                    + "transactionList, transaction, blockList, monitoring, nodes, chainInfo), not " + operationId);
        }
        Chain chain = transaction.execute(status -> chains.get(chainId));
        List<Node> chainNodes = nodesOf(chainId);
        JsonNode in = inputs == null ? json.createObjectNode() : inputs;
        ObjectNode result = switch (operation) {
            case NODES -> nodeStatus(chainNodes);
            case MONITORING -> monitoring(chainNodes);
            default -> firstAnswer(chainNodes, web3j -> switch (operation) {
                case LEDGER_SUMMARY -> ledgerSummary(web3j);
                case CHAIN_INFO -> chainInfo(web3j, chain);
                case BLOCK_LIST -> blockList(web3j, in);
                case TRANSACTION -> transaction(web3j, in);
                case TRANSACTION_LIST -> transactionList(web3j, in);
                default -> throw new IllegalStateException(operationId);
            });
        };
        ObjectNode out = json.createObjectNode().put("operation", operationId);
        out.set("result", result);
        return out;
    }

    private ObjectNode firstAnswer(List<Node> chainNodes, EthereumClients.Call<ObjectNode> work) {
        PlatformCallException last = null;
        for (Node node : chainNodes) {
            try {
                return clients.with(node.rpcUrl(), work);
            } catch (PlatformCallException e) {
                last = e;
            }
        }
        throw last;
    }

    private ObjectNode ledgerSummary(Web3j web3j) throws IOException {
        BigInteger height = check(web3j.ethBlockNumber().send()).getBlockNumber();
        long transactions = 0;
        long from = Math.max(0, height.longValue() - SUMMARY_WINDOW + 1);
        for (long n = from; n <= height.longValue(); n++) {
            EthBlock.Block block = check(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)),
                    false).send()).getBlock();
            transactions += block == null ? 0 : block.getTransactions().size();
        }
        EthBlock.Block latest = check(web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()).getBlock();
        ObjectNode result = json.createObjectNode()
                .put("blockHeight", height.longValue())
                .put("transactionCount", transactions)
                .put("transactionWindowBlocks", height.longValue() - from + 1)
                .put("latestBlockHash", latest.getHash())
                .put("latestBlockTime", latest.getTimestamp().longValue())
                .put("gasPrice", check(web3j.ethGasPrice().send()).getGasPrice().toString());
        return result;
    }

    private ObjectNode chainInfo(Web3j web3j, Chain chain) throws IOException {
        return json.createObjectNode()
                .put("chainId", check(web3j.ethChainId().send()).getChainId().toString())
                .put("name", chain.name())
                .put("blockHeight", check(web3j.ethBlockNumber().send()).getBlockNumber().longValue())
                .put("networkId", check(web3j.netVersion().send()).getNetVersion())
                .put("clientVersion", check(web3j.web3ClientVersion().send()).getWeb3ClientVersion());
    }

    private ObjectNode blockList(Web3j web3j, JsonNode in) throws IOException {
        long height = check(web3j.ethBlockNumber().send()).getBlockNumber().longValue();
        long to = in.hasNonNull("to") ? number(in, "to") : height;
        long from = in.hasNonNull("from") ? number(in, "from") : Math.max(0, to - 9);
        if (from > to || to - from + 1 > MAX_BLOCKS) {
            throw new InvalidRequestException("inputs.from", "must be at most inputs.to, and at most " + MAX_BLOCKS
                    + " blocks apart");
        }
        ObjectNode result = json.createObjectNode();
        ArrayNode blocks = result.putArray("blocks");
        for (long n = from; n <= Math.min(to, height); n++) {
            EthBlock.Block block = check(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)),
                    false).send()).getBlock();
            blocks.add(block(block));
        }
        return result;
    }

    private ObjectNode transactionList(Web3j web3j, JsonNode in) throws IOException {
        DefaultBlockParameter which = in.hasNonNull("block")
                ? DefaultBlockParameter.valueOf(BigInteger.valueOf(number(in, "block"))) : DefaultBlockParameterName.LATEST;
        EthBlock.Block block = check(web3j.ethGetBlockByNumber(which, true).send()).getBlock();
        if (block == null) {
            throw new NotFoundException("No block " + in.path("block").asString() + " on this chain");
        }
        ObjectNode result = json.createObjectNode().put("blockNumber", block.getNumber().longValue());
        ArrayNode list = result.putArray("transactions");
        for (EthBlock.TransactionResult<?> tx : block.getTransactions()) {
            list.add(transaction((Transaction) tx.get(), null));
        }
        return result;
    }

    private ObjectNode transaction(Web3j web3j, JsonNode in) throws IOException {
        String hash = in.path("hash").asString("");
        if (!hash.matches("0x[0-9a-fA-F]{64}")) {
            throw new InvalidRequestException("inputs.hash", "must be a transaction hash (0x and 64 hex digits)");
        }
        Transaction tx = check(web3j.ethGetTransactionByHash(hash).send()).getTransaction()
                .orElseThrow(() -> new NotFoundException("No transaction " + hash + " on this chain"));
        TransactionReceipt receipt = check(web3j.ethGetTransactionReceipt(hash).send()).getTransactionReceipt()
                .orElse(null);
        return transaction(tx, receipt);
    }

    private ObjectNode nodeStatus(List<Node> chainNodes) {
        ObjectNode result = json.createObjectNode();
        ArrayNode list = result.putArray("nodes");
        for (Node node : chainNodes) {
            ObjectNode entry = list.addObject().put("nodeId", node.id().toString()).put("name", node.name())
                    .put("rpcUrl", io.chainwatch.security.Caller.currentIfAny()
                            .filter(c -> c.role().atLeast(io.chainwatch.security.Role.ORG_ADMIN)).isPresent()
                            ? node.rpcUrl() : io.chainwatch.security.SecretUrls.mask(node.rpcUrl()));
            try {
                clients.with(node.rpcUrl(), web3j -> {
                    entry.put("reachable", true);
                    entry.put("blockHeight", check(web3j.ethBlockNumber().send()).getBlockNumber().longValue());
                    entry.put("syncing", check(web3j.ethSyncing().send()).isSyncing());
                    entry.put("clientVersion", check(web3j.web3ClientVersion().send()).getWeb3ClientVersion());
                    var peers = web3j.netPeerCount().send();
                    if (peers.hasError()) {
                        entry.putNull("peerCount"); // e.g. anvil: net_peerCount unsupported, not a failure
                    } else {
                        entry.put("peerCount", peers.getQuantity().longValue());
                    }
                    return entry;
                });
            } catch (PlatformCallException e) {
                entry.put("reachable", false).put("error", e.getMessage());
            }
        }
        return result;
    }

    private ObjectNode monitoring(List<Node> chainNodes) {
        ObjectNode nodesResult = nodeStatus(chainNodes);
        List<JsonNode> all = new ArrayList<>();
        nodesResult.path("nodes").forEach(all::add);
        long up = all.stream().filter(n -> n.path("reachable").asBoolean()).count();
        long best = all.stream().mapToLong(n -> n.path("blockHeight").asLong(0)).max().orElse(0);
        ObjectNode result = json.createObjectNode()
                .put("status", up == all.size() ? "UP" : up == 0 ? "DOWN" : "DEGRADED")
                .put("nodesUp", up)
                .put("nodesTotal", all.size())
                .put("bestBlockHeight", best);
        return result;
    }

    private ObjectNode block(EthBlock.Block block) {
        return json.createObjectNode()
                .put("number", block.getNumber().longValue())
                .put("hash", block.getHash())
                .put("parentHash", block.getParentHash())
                .put("timestamp", block.getTimestamp().longValue())
                .put("transactionCount", block.getTransactions().size())
                .put("gasUsed", block.getGasUsed().longValue())
                .put("miner", block.getMiner());
    }

    private ObjectNode transaction(Transaction tx, TransactionReceipt receipt) {
        ObjectNode node = json.createObjectNode()
                .put("hash", tx.getHash())
                .put("blockNumber", tx.getBlockNumber() == null ? null : tx.getBlockNumber().longValue())
                .put("from", tx.getFrom())
                .put("to", tx.getTo())
                .put("value", tx.getValue().toString())
                .put("nonce", tx.getNonce().longValue())
                .put("gas", tx.getGas().longValue());
        if (receipt != null) {
            node.put("status", receipt.isStatusOK() ? "SUCCESS" : "REVERTED")
                    .put("gasUsed", receipt.getGasUsed().longValue())
                    .put("contractAddress", receipt.getContractAddress());
        }
        return node;
    }

    private static long number(JsonNode in, String field) {
        JsonNode value = in.get(field);
        if (!value.canConvertToLong() || value.asLong() < 0) {
            throw new InvalidRequestException("inputs." + field, "must be a block number (0 or more)");
        }
        return value.asLong();
    }

    /** A JSON-RPC error answer becomes a 502 that names it. */
    static <T extends Response<?>> T check(T response) {
        if (response.hasError()) {
            throw new PlatformCallException("the node answered error " + response.getError().getCode() + ": "
                    + response.getError().getMessage());
        }
        return response;
    }
}
