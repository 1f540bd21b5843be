package io.chainwatch.registry.node;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.chain.Chain;
import io.chainwatch.registry.chain.ChainRepository;
import io.chainwatch.registry.organization.Organization;
import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.outbox.OutboxRepository;
import io.chainwatch.registry.web.DuplicateNameException;
import io.chainwatch.registry.web.NotFoundException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Creates, reads and deletes nodes. Each change also appends its {@code chainwatch.targets} record to the
 * outbox in the same transaction, so the node table and what Kafka will carry never disagree.
 */
@Service
public class NodeService {

    private final NodeRepository nodes;
    private final ChainRepository chains;
    private final OrganizationRepository organizations;
    private final OutboxRepository outbox;
    private final JsonMapper json;

    NodeService(NodeRepository nodes, ChainRepository chains, OrganizationRepository organizations,
            OutboxRepository outbox, JsonMapper json) {
        this.nodes = nodes;
        this.chains = chains;
        this.organizations = organizations;
        this.outbox = outbox;
        this.json = json;
    }

    @Transactional
    public Node create(CreateNodeRequest request) {
        Chain chain = chains.findById(request.chainId())
                .orElseThrow(() -> new NotFoundException("chain", request.chainId()));
        Organization organization = organizations.findById(chain.orgId())
                .orElseThrow(() -> new IllegalStateException("chain " + chain.id() + " has no organization"));
        Node node = new Node(UUID.randomUUID(), chain.id(), chain.orgId(), request.name(), request.rpcUrl().strip(),
                request.effectivePollIntervalMs(), Instant.now().truncatedTo(ChronoUnit.MICROS), 1);
        try {
            nodes.insert(node);
        } catch (DuplicateKeyException e) {
            throw new DuplicateNameException("Chain '" + chain.name() + "' already has a node named '"
                    + request.name() + "'", e);
        }
        NodeTarget target = new NodeTarget(node.id().toString(), node.name(), organization.id().toString(),
                organization.name(), chain.id().toString(), chain.name(), chain.platform().name(), node.rpcUrl(),
                node.pollIntervalMs(), node.version());
        outbox.append(Topics.TARGETS, node.id().toString(), json.writeValueAsString(target));
        return node;
    }

    /** Deletes the node and queues its tombstone, so collectors stop polling it. */
    @Transactional
    public void delete(UUID id) {
        if (!nodes.delete(id)) {
            throw new NotFoundException("node", id);
        }
        outbox.append(Topics.TARGETS, id.toString(), null);
    }

    @Transactional(readOnly = true)
    public Node get(UUID id) {
        return nodes.findById(id).orElseThrow(() -> new NotFoundException("node", id));
    }

    /** All nodes, or those of one chain (which must exist) when {@code chainId} is given. */
    @Transactional(readOnly = true)
    public List<Node> list(UUID chainId) {
        if (chainId == null) {
            return nodes.findAll();
        }
        if (chains.findById(chainId).isEmpty()) {
            throw new NotFoundException("chain", chainId);
        }
        return nodes.findByChainId(chainId);
    }
}
