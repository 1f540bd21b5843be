package io.chainwatch.registry.fabric;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.chainwatch.registry.monitoredchain.Chain;
import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.monitoredchain.Platform;
import io.chainwatch.registry.fabric.qscc.PeerAddress;
import io.chainwatch.registry.fabric.qscc.Qscc;
import io.chainwatch.registry.fabric.qscc.QsccConnector;
import io.chainwatch.registry.node.FabricSettings;
import io.chainwatch.registry.node.Node;
import io.chainwatch.registry.node.NodeService;
import io.chainwatch.registry.operations.ChainOperations;
import io.chainwatch.registry.web.PlatformCallException;
import io.chainwatch.registry.platform.StandardOperation;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;

import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockchainInfo;
import org.hyperledger.fabric.protos.peer.ProcessedTransaction;
import org.springframework.stereotype.Service;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The standard operations group on a FABRIC chain of the registry, answered by its peers through the system
 * chaincode {@code qscc} ({@link Qscc}), signed with the chain's organization's client identity for the node's MSP
 * ({@link FabricIdentityService}). The first peer that answers is used, except for {@code nodes} and
 * {@code monitoring}, which ask every peer. Every operation takes an optional {@code channel} input (default: the
 * first channel of the chain's first Fabric node). Results carry the standard fields (see
 * {@link StandardOperation}; {@code chainId} is the channel, {@code hash} a transaction id) and Fabric's own:
 * hashes in hex, validation codes by name ({@code VALID}, {@code MVCC_READ_CONFLICT}, ...), times in ISO-8601.
 */
@Service
public class FabricOperations implements ChainOperations {

    /** Blocks a ledger summary counts transactions over. */
    static final int SUMMARY_WINDOW = 100;
    /** Most blocks one block list returns. */
    static final int MAX_BLOCKS = 100;

    private final ChainService chains;
    private final NodeService nodes;
    private final FabricIdentityService identities;
    private final QsccConnector connector;
    private final JsonMapper json;

    FabricOperations(ChainService chains, NodeService nodes, FabricIdentityService identities, QsccConnector connector,
            JsonMapper json) {
        this.chains = chains;
        this.nodes = nodes;
        this.identities = identities;
        this.connector = connector;
        this.json = json;
    }

    @Override
    public Platform platform() {
        return Platform.FABRIC;
    }

    /** Fabric's own read beside the standard ones: the chaincodes defined on a channel ({@code _lifecycle}). */
    static final String CHAINCODES = "chaincodes";
    /** Blocks the channel index reads at most per request, so that a long channel is counted over several. */
    static final int INDEX_BUDGET = 2000;

    /** Transactions counted per chain and channel, block by block from 0 (the totals Explorer keeps in its database). */
    private final Map<String, ChannelTotals> totals = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public ObjectNode invoke(UUID chainId, String operationId, JsonNode inputs) {
        if (CHAINCODES.equals(operationId)) {
            Chain chain = chains.get(chainId);
            if (chain.platform() != Platform.FABRIC) {
                throw new ConflictException("Chain '" + chain.name() + "' is " + chain.platform()
                        + "; chaincodes are read on FABRIC chains");
            }
            JsonNode in = inputs == null || inputs.isNull() ? json.createObjectNode() : inputs;
            List<Node> peers = peersOf(chain, in);
            String channel = channel(chain, peers, in);
            List<Node> serving = servingPeers(chain, peers, channel);
            ObjectNode out = json.createObjectNode().put("operation", CHAINCODES);
            out.set("result", firstAnswer(chain, serving, qscc -> chaincodes(qscc, chain, channel)));
            return out;
        }
        StandardOperation operation = StandardOperation.byId(operationId)
                .orElseThrow(() -> new NotFoundException("No standard operation named '" + operationId + "' exists"));
        if (operation.group() != StandardOperation.Group.OPERATIONS || operation == StandardOperation.NETWORK_DETAILS) {
            throw new ConflictException("The native Fabric adapter implements the operations group (ledgerSummary, "
                    + "transactionList, transaction, blockList, monitoring, nodes, chainInfo), not " + operationId);
        }
        Chain chain = chains.get(chainId);
        if (chain.platform() != Platform.FABRIC) {
            throw new ConflictException("Chain '" + chain.name() + "' is " + chain.platform()
                    + "; the native Fabric adapter serves FABRIC chains");
        }
        JsonNode in = inputs == null || inputs.isNull() ? json.createObjectNode() : inputs;
        List<Node> peers = peersOf(chain, in);
        String channel = channel(chain, peers, in);
        List<Node> serving = servingPeers(chain, peers, channel);
        ObjectNode result = switch (operation) {
            case NODES -> nodeStatus(chain, peers, channel);
            case MONITORING -> monitoring(chain, peers, channel);
            case CHAIN_INFO -> firstAnswer(chain, serving, qscc -> chainInfo(qscc, chain, channel));
            case LEDGER_SUMMARY -> firstAnswer(chain, serving, qscc -> ledgerSummary(qscc, chain, channel));
            case BLOCK_LIST -> firstAnswer(chain, serving, qscc -> blockList(qscc, channel, in));
            case TRANSACTION_LIST -> firstAnswer(chain, serving, qscc -> transactionList(qscc, channel, in));
            case TRANSACTION -> firstAnswer(chain, serving, qscc -> transaction(qscc, channel, in));
            default -> throw new IllegalStateException(operationId);
        };
        ObjectNode out = json.createObjectNode().put("operation", operationId);
        out.set("result", result);
        return out;
    }

    /** The peers that watch {@code channel}; 400 when none does. */
    private static List<Node> servingPeers(Chain chain, List<Node> peers, String channel) {
        List<Node> serving = peers.stream().filter(n -> n.fabric().channels().contains(channel)).toList();
        if (serving.isEmpty()) {
            throw new InvalidRequestException("inputs.channel", "no Fabric node of chain '" + chain.name()
                    + "' watches channel '" + channel + "'");
        }
        return serving;
    }

    /** A channel's transactions counted from block 0 on, as far as read. */
    private static final class ChannelTotals {
        long nextBlock;
        long transactions;
        long valid;
        final Map<String, Long> byChaincode = new TreeMap<>();

        /** Reads on from the next block not counted, at most {@link #INDEX_BUDGET} blocks. */
        synchronized void advance(Qscc qscc, String channel, long height) {
            long until = Math.min(height, nextBlock + INDEX_BUDGET);
            for (long n = nextBlock; n < until; n++) {
                FabricBlocks.BlockView block = FabricBlocks.read(qscc.block(channel, n));
                transactions += block.transactionCount();
                for (FabricBlocks.Tx tx : block.transactions()) {
                    if ("VALID".equals(tx.validationCode())) {
                        valid++;
                    }
                    byChaincode.merge(tx.chaincode() != null ? tx.chaincode()
                            : tx.type() != null ? "(" + tx.type() + ")" : "(unreadable)", 1L, Long::sum);
                }
                nextBlock = n + 1;
            }
        }
    }

    private ChannelTotals totals(Qscc qscc, Chain chain, String channel, long height) {
        ChannelTotals t = totals.computeIfAbsent(chain.id() + "/" + channel, k -> new ChannelTotals());
        t.advance(qscc, channel, height);
        return t;
    }

    private ObjectNode chaincodes(Qscc qscc, Chain chain, String channel) {
        org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionsResult definitions =
                qscc.chaincodeDefinitions(channel);
        long height = qscc.chainInfo(channel).getHeight();
        ChannelTotals t = totals(qscc, chain, channel, height);
        ObjectNode result = json.createObjectNode().put("channel", channel).put("blockHeight", height);
        ArrayNode list = result.putArray("chaincodes");
        synchronized (t) {
            for (var d : definitions.getChaincodeDefinitionsList()) {
                ObjectNode c = list.addObject().put("name", d.getName()).put("version", d.getVersion())
                        .put("sequence", d.getSequence()).put("endorsementPlugin", d.getEndorsementPlugin())
                        .put("validationPlugin", d.getValidationPlugin())
                        .put("endorsementPolicy", FabricDetails.endorsementPolicy(d.getValidationParameter()))
                        .put("initRequired", d.getInitRequired())
                        .put("transactions", t.byChaincode.getOrDefault(d.getName(), 0L));
                ArrayNode collections = c.putArray("collections");
                d.getCollections().getConfigList().forEach(cfg -> collections.add(cfg.getStaticCollectionConfig().getName()));
            }
            result.put("transactionsCountedThroughBlock", t.nextBlock - 1).put("transactionsComplete", t.nextBlock >= height);
        }
        return result;
    }

    /** Fabric's chaincode names ({@code _lifecycle}'s rule) and versions. */
    private static final java.util.regex.Pattern CHAINCODE_NAME =
            java.util.regex.Pattern.compile("[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*");
    private static final java.util.regex.Pattern CHAINCODE_VERSION =
            java.util.regex.Pattern.compile("[A-Za-z0-9_.+-]+");

    /**
     * Where an upgrade of chaincode {@code name} on a channel of a FABRIC chain stands, from {@code _lifecycle} on
     * the first peer that answers: the committed definition ({@code QueryChaincodeDefinition}: sequence, version,
     * plugins, policy, and the organizations that approved it) and, for the next sequence (committed + 1), which
     * organizations have approved a definition like the committed one with {@code version} ({@code
     * CheckCommitReadiness}; default: the committed version). A definition can be committed once the channel's
     * LifecycleEndorsement policy is met, by default a MAJORITY of the organizations: {@code majorityApproved}
     * says whether that default would be. Only reads; approving and committing stay with the organizations.
     *
     * @param channelName {@code null}: the first channel of the chain's first Fabric peer
     * @param version     the version the next definition is to have; {@code null}: the committed one
     */
    public ObjectNode chaincodeUpgrade(UUID chainId, String name, String channelName, String version) {
        Chain chain = chains.get(chainId);
        if (chain.platform() != Platform.FABRIC) {
            throw new ConflictException("Chain '" + chain.name() + "' is " + chain.platform()
                    + "; chaincode definitions are read on FABRIC chains");
        }
        if (!CHAINCODE_NAME.matcher(name).matches() || name.length() > 255) {
            throw new InvalidRequestException("name", "must be a Fabric chaincode name (letters and digits, groups "
                    + "joined by '-' or '_')");
        }
        if (version != null && (!CHAINCODE_VERSION.matcher(version).matches() || version.length() > 255)) {
            throw new InvalidRequestException("version", "must be a Fabric chaincode version (letters, digits, "
                    + "'.', '_', '+', '-')");
        }
        ObjectNode in = json.createObjectNode();
        if (channelName != null) {
            in.put("channel", channelName);
        }
        List<Node> peers = peersOf(chain, in);
        String channel = channel(chain, peers, in);
        List<Node> serving = servingPeers(chain, peers, channel);
        return firstAnswer(chain, serving, qscc -> {
            org.hyperledger.fabric.protos.peer.lifecycle.QueryChaincodeDefinitionResult committed =
                    qscc.chaincodeDefinition(channel, name);
            String nextVersion = version == null ? committed.getVersion() : version;
            org.hyperledger.fabric.protos.peer.lifecycle.CheckCommitReadinessResult readiness =
                    qscc.checkCommitReadiness(channel, org.hyperledger.fabric.protos.peer.lifecycle
                            .CheckCommitReadinessArgs.newBuilder()
                            .setName(name)
                            .setSequence(committed.getSequence() + 1)
                            .setVersion(nextVersion)
                            .setEndorsementPlugin(committed.getEndorsementPlugin())
                            .setValidationPlugin(committed.getValidationPlugin())
                            .setValidationParameter(committed.getValidationParameter())
                            .setCollections(committed.getCollections())
                            .setInitRequired(committed.getInitRequired())
                            .build());
            ObjectNode result = json.createObjectNode().put("channel", channel).put("name", name);
            ObjectNode current = result.putObject("committed").put("sequence", committed.getSequence())
                    .put("version", committed.getVersion())
                    .put("endorsementPlugin", committed.getEndorsementPlugin())
                    .put("validationPlugin", committed.getValidationPlugin())
                    .put("endorsementPolicy", FabricDetails.endorsementPolicy(committed.getValidationParameter()))
                    .put("initRequired", committed.getInitRequired());
            ArrayNode collections = current.putArray("collections");
            committed.getCollections().getConfigList()
                    .forEach(cfg -> collections.add(cfg.getStaticCollectionConfig().getName()));
            ObjectNode approvedCommitted = current.putObject("approvals");
            new TreeMap<>(committed.getApprovalsMap()).forEach(approvedCommitted::put);
            Map<String, Boolean> approvals = new TreeMap<>(readiness.getApprovalsMap());
            ObjectNode next = result.putObject("next").put("sequence", committed.getSequence() + 1)
                    .put("version", nextVersion);
            ObjectNode nextApprovals = next.putObject("approvals");
            approvals.forEach(nextApprovals::put);
            ArrayNode approvedBy = next.putArray("approvedBy");
            ArrayNode awaiting = next.putArray("awaitingApproval");
            approvals.forEach((org, approved) -> (approved ? approvedBy : awaiting).add(org));
            long yes = approvals.values().stream().filter(Boolean::booleanValue).count();
            next.put("majorityApproved", !approvals.isEmpty() && yes * 2 > approvals.size());
            return result;
        });
    }

    /** The chain's nodes that have Fabric settings; 409 when there are none. */
    private List<Node> peersOf(Chain chain, JsonNode in) {
        // orderers hold no qscc: only peers are asked
        List<Node> peers = nodes.ofChain(chain.id()).stream()
                .filter(n -> n.fabric() != null && !n.fabric().orderer()).toList();
        if (peers.isEmpty()) {
            throw new ConflictException("Chain '" + chain.name() + "' has no nodes with Fabric settings (peer "
                    + "endpoint, MSP id, channels) to ask");
        }
        return peers;
    }

    private static String channel(Chain chain, List<Node> peers, JsonNode in) {
        if (!in.hasNonNull("channel")) {
            return peers.get(0).fabric().channels().get(0);
        }
        String channel = in.get("channel").asString("");
        if (!channel.matches("[a-z][a-z0-9.-]{0,248}")) {
            throw new InvalidRequestException("inputs.channel", "must be a Fabric channel name");
        }
        return channel;
    }

    /** Work on one peer's qscc. */
    @FunctionalInterface
    private interface Work {
        ObjectNode apply(Qscc qscc);
    }

    private ObjectNode on(Chain chain, Node node, Work work) {
        FabricSettings fabric = node.fabric();
        try (Qscc qscc = connector.open(new PeerAddress(fabric.peerEndpoint(), fabric.tlsRootCertPem(),
                fabric.serverNameOverride()), identities.signing(chain.orgId(), fabric.mspId()))) {
            return work.apply(qscc);
        }
    }

    /** The first peer's answer; a peer that fails, or whose MSP has no identity, passes to the next. */
    private ObjectNode firstAnswer(Chain chain, List<Node> peers, Work work) {
        RuntimeException last = null;
        for (Node node : peers) {
            try {
                return on(chain, node, work);
            } catch (PlatformCallException | ConflictException e) {
                last = e;
            }
        }
        throw last;
    }

    private ObjectNode chainInfo(Qscc qscc, Chain chain, String channel) {
        BlockchainInfo info = qscc.chainInfo(channel);
        return json.createObjectNode()
                .put("chainId", channel)
                .put("name", chain.name())
                .put("blockHeight", info.getHeight())
                .put("channel", channel)
                .put("currentBlockHash", FabricBlocks.hex(info.getCurrentBlockHash().toByteArray()))
                .put("previousBlockHash", FabricBlocks.hex(info.getPreviousBlockHash().toByteArray()));
    }

    private ObjectNode ledgerSummary(Qscc qscc, Chain chain, String channel) {
        BlockchainInfo info = qscc.chainInfo(channel);
        long height = info.getHeight();
        long from = Math.max(0, height - SUMMARY_WINDOW);
        long transactions = 0;
        long valid = 0;
        Map<String, Long> invalid = new TreeMap<>();
        FabricBlocks.BlockView latest = null;
        for (long n = from; n < height; n++) {
            FabricBlocks.BlockView block = FabricBlocks.read(qscc.block(channel, n));
            transactions += block.transactionCount();
            for (FabricBlocks.Tx tx : block.transactions()) {
                if ("VALID".equals(tx.validationCode())) {
                    valid++;
                } else if (tx.validationCode() != null) {
                    invalid.merge(tx.validationCode(), 1L, Long::sum);
                }
            }
            latest = block;
        }
        ObjectNode result = json.createObjectNode()
                .put("blockHeight", height)
                .put("transactionCount", transactions)
                .put("transactionWindowBlocks", height - from)
                .put("validTransactions", valid)
                .put("channel", channel)
                .put("latestBlockHash", FabricBlocks.hex(info.getCurrentBlockHash().toByteArray()))
                .put("latestBlockTime", latest == null || latest.timestamp() == null ? null
                        : latest.timestamp().toString());
        ObjectNode byCode = result.putObject("invalidTransactions");
        invalid.forEach(byCode::put);
        // the channel's totals from block 0, counted incrementally (at most INDEX_BUDGET blocks more per request)
        ChannelTotals t = totals(qscc, chain, channel, height);
        synchronized (t) {
            result.put("totalTransactions", t.transactions).put("totalValidTransactions", t.valid)
                    .put("totalTransactionsThroughBlock", t.nextBlock - 1)
                    .put("totalTransactionsComplete", t.nextBlock >= height);
            ObjectNode byChaincode = result.putObject("transactionsByChaincode");
            t.byChaincode.forEach(byChaincode::put);
        }
        return result;
    }

    private ObjectNode blockList(Qscc qscc, String channel, JsonNode in) {
        long height = qscc.chainInfo(channel).getHeight();
        Long page = in.hasNonNull("page") ? number(in, "page") : null;
        long size = in.hasNonNull("size") ? number(in, "size") : 10;
        if (page != null && (size < 1 || size > MAX_BLOCKS)) {
            throw new InvalidRequestException("inputs.size", "must be 1 to " + MAX_BLOCKS);
        }
        // page 0 holds the newest blocks; page p the size blocks before page p-1's
        long to = page != null ? height - 1 - page * size : in.hasNonNull("to") ? number(in, "to") : height - 1;
        long from = page != null ? Math.max(0, to - size + 1)
                : in.hasNonNull("from") ? number(in, "from") : Math.max(0, to - 9);
        if (page != null && to < 0) {
            throw new NotFoundException("No page " + page + " of " + size + " blocks on channel " + channel
                    + " (height " + height + ")");
        }
        if (from > to || to - from + 1 > MAX_BLOCKS) {
            throw new InvalidRequestException("inputs.from", "must be at most inputs.to, and at most " + MAX_BLOCKS
                    + " blocks apart");
        }
        ObjectNode result = json.createObjectNode().put("channel", channel).put("blockHeight", height);
        if (page != null) {
            result.put("page", page).put("size", size).put("pages", (height + size - 1) / size);
        }
        ArrayNode blocks = result.putArray("blocks");
        for (long n = from; n <= Math.min(to, height - 1); n++) {
            blocks.add(block(FabricBlocks.read(qscc.block(channel, n))));
        }
        return result;
    }

    private ObjectNode transactionList(Qscc qscc, String channel, JsonNode in) {
        long height = qscc.chainInfo(channel).getHeight();
        long number = in.hasNonNull("block") ? number(in, "block") : height - 1;
        if (number >= height) {
            throw new NotFoundException("No block " + number + " on channel " + channel + " (height " + height + ")");
        }
        FabricBlocks.BlockView block = FabricBlocks.read(qscc.block(channel, number));
        ObjectNode result = json.createObjectNode().put("blockNumber", block.number()).put("channel", channel);
        ArrayNode list = result.putArray("transactions");
        block.transactions().forEach(tx -> list.add(transaction(tx, block.number())));
        return result;
    }

    private ObjectNode transaction(Qscc qscc, String channel, JsonNode in) {
        String txId = in.hasNonNull("txId") ? in.get("txId").asString("") : in.path("hash").asString("");
        if (!txId.matches("[0-9a-f]{64}")) {
            throw new InvalidRequestException("inputs.hash", "must be a Fabric transaction id (64 lower-case hex digits)");
        }
        ProcessedTransaction processed = qscc.transaction(channel, txId);
        Block block = qscc.blockOfTransaction(channel, txId);
        FabricBlocks.Tx tx = FabricBlocks.transaction(processed.getTransactionEnvelope(),
                FabricBlocks.codeName(processed.getValidationCode()));
        ObjectNode out = transaction(tx, block.getHeader().getNumber()).put("channel", channel);
        FabricDetails.transaction(processed.getTransactionEnvelope(), out);
        return out;
    }

    private ObjectNode nodeStatus(Chain chain, List<Node> peers, String channel) {
        ObjectNode result = json.createObjectNode().put("channel", channel);
        ArrayNode list = result.putArray("nodes");
        for (Node node : peers) {
            ObjectNode entry = list.addObject().put("nodeId", node.id().toString()).put("name", node.name())
                    .put("peerEndpoint", node.fabric().peerEndpoint()).put("mspId", node.fabric().mspId());
            if (!node.fabric().channels().contains(channel)) {
                entry.put("reachable", (String) null).put("error", "does not watch channel " + channel);
                continue;
            }
            try {
                on(chain, node, qscc -> {
                    BlockchainInfo info = qscc.chainInfo(channel);
                    return entry.put("reachable", true).put("blockHeight", info.getHeight())
                            .put("currentBlockHash", FabricBlocks.hex(info.getCurrentBlockHash().toByteArray()));
                });
            } catch (PlatformCallException | ConflictException e) {
                // reachable: whether the channel could be read on the peer; joined false: the peer answered that it
                // has not joined the channel (the words of the collector's samples)
                entry.put("reachable", false).put("error", e.getMessage());
                if (e.getMessage() != null && e.getMessage().startsWith("peer has not joined channel ")) {
                    entry.put("joined", false);
                }
            }
        }
        return result;
    }

    private ObjectNode monitoring(Chain chain, List<Node> peers, String channel) {
        List<JsonNode> all = new ArrayList<>();
        nodeStatus(chain, peers, channel).path("nodes").forEach(all::add);
        long up = all.stream().filter(n -> n.path("reachable").asBoolean(false)).count();
        long best = all.stream().mapToLong(n -> n.path("blockHeight").asLong(0)).max().orElse(0);
        return json.createObjectNode()
                .put("status", up == all.size() ? "UP" : up == 0 ? "DOWN" : "DEGRADED")
                .put("nodesUp", up)
                .put("nodesTotal", all.size())
                .put("bestBlockHeight", best)
                .put("channel", channel);
    }

    private ObjectNode block(FabricBlocks.BlockView block) {
        ObjectNode node = json.createObjectNode()
                .put("number", block.number())
                .put("hash", block.hash())
                .put("previousHash", block.previousHash())
                .put("dataHash", block.dataHash())
                .put("transactionCount", block.transactionCount())
                .put("validTransactionCount", block.valid())
                .put("timestamp", block.timestamp() == null ? null : block.timestamp().toString());
        ArrayNode list = node.putArray("transactions");
        block.transactions().forEach(tx -> list.add(transaction(tx, block.number())));
        return node;
    }

    private ObjectNode transaction(FabricBlocks.Tx tx, long blockNumber) {
        return json.createObjectNode()
                .put("hash", tx.txId())
                .put("txId", tx.txId())
                .put("blockNumber", blockNumber)
                .put("type", tx.type())
                .put("validationCode", tx.validationCode())
                .put("chaincode", tx.chaincode())
                .put("creatorMspId", tx.creatorMspId())
                .put("timestamp", tx.timestamp() == null ? null : tx.timestamp().toString());
    }

    private static long number(JsonNode in, String field) {
        JsonNode value = in.get(field);
        if (!value.canConvertToLong() || value.asLong() < 0) {
            throw new InvalidRequestException("inputs." + field, "must be a block number (0 or more)");
        }
        return value.asLong();
    }
}
