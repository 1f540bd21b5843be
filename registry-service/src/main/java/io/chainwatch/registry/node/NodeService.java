package io.chainwatch.registry.node;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.chainwatch.events.NodeTarget;
import io.chainwatch.events.Topics;
import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.monitoredchain.Chain;
import io.chainwatch.registry.monitoredchain.ChainAlliances;
import io.chainwatch.registry.monitoredchain.ChainRepository;
import io.chainwatch.registry.organization.Organization;
import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.outbox.OutboxRepository;
import io.chainwatch.registry.web.DuplicateNameException;
import io.chainwatch.registry.web.ETags;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.PreconditionFailedException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Creates, updates, reads and deletes nodes. Each change also appends its {@code chainwatch.targets} record to
 * the outbox in the same transaction, so the node table and what Kafka will carry never disagree; and its audit
 * entry.
 */
@Service
public class NodeService {

    private final NodeRepository nodes;
    private final ChainRepository chains;
    private final OrganizationRepository organizations;
    private final OutboxRepository outbox;
    private final AuditLog audit;
    private final JsonMapper json;
    private final ChainAlliances chainAlliances;
    private final SealedIdentities collectorIdentities;
    private final NodeUrls urls;

    private final io.chainwatch.registry.quota.Quotas quotas;

    NodeService(NodeRepository nodes, ChainRepository chains, OrganizationRepository organizations,
            OutboxRepository outbox, AuditLog audit, JsonMapper json, ChainAlliances chainAlliances,
            SealedIdentities collectorIdentities, NodeUrls urls, io.chainwatch.registry.quota.Quotas quotas) {
        this.urls = urls;
        this.quotas = quotas;
        this.nodes = nodes;
        this.chains = chains;
        this.organizations = organizations;
        this.outbox = outbox;
        this.audit = audit;
        this.json = json;
        this.chainAlliances = chainAlliances;
        this.collectorIdentities = collectorIdentities;
    }

    @Transactional
    public Node create(CreateNodeRequest request) {
        Chain chain = chains.findById(request.chainId())
                .orElseThrow(() -> new NotFoundException("chain", request.chainId()));
        checkFabric(chain, request.fabric(), request.metricsUrl());
        quotas.checkPollInterval(chain.orgId(), request.effectivePollIntervalMs());
        quotas.checkOneMore(chain.orgId(), io.chainwatch.registry.quota.Quotas.NODES);
        Node node = new Node(UUID.randomUUID(), chain.id(), chain.orgId(), request.name(), request.rpcUrl().strip(),
                request.effectivePollIntervalMs(), request.metricsUrl(), request.fabric(),
                Instant.now().truncatedTo(ChronoUnit.MICROS), 1);
        try {
            nodes.insert(node);
        } catch (DuplicateKeyException e) {
            throw new DuplicateNameException("Chain '" + chain.name() + "' already has a node named '"
                    + request.name() + "'", e);
        }
        publish(node, chain);
        audit.record(node.orgId(), "node.create", "node", node.id(), null, NodeResponse.of(node));
        return node;
    }

    /**
     * Creates a node whose description came from a platform rather than from the API: the same checks as
     * {@code POST /nodes} (name, RPC URL form, {@link io.chainwatch.security.UrlGuard} policy) raise a 400 problem.
     */
    @Transactional
    public Node createChecked(CreateNodeRequest request) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 100
                || request.name().chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("name", "must be 1 to 100 printable characters");
        }
        if (request.rpcUrl() == null || request.rpcUrl().length() > 2048) {
            throw new InvalidRequestException("rpcUrl", "must be an URL of at most 2048 characters");
        }
        String problem = RpcUrlValidator.problem(request.rpcUrl());
        if (problem != null) {
            throw new InvalidRequestException("rpcUrl", problem);
        }
        urls.check(request.rpcUrl(), request.metricsUrl(), request.fabric());
        return create(request);
    }

    /**
     * Points the node at the RPC URL its platform now reports, with the checks of {@link #createChecked}; a
     * monitored node's collectors get the new target.
     */
    @Transactional
    public Node changeRpcUrlChecked(UUID id, String rpcUrl) {
        String problem = rpcUrl == null || rpcUrl.length() > 2048 ? "must be an URL of at most 2048 characters"
                : RpcUrlValidator.problem(rpcUrl);
        if (problem != null) {
            throw new InvalidRequestException("rpcUrl", problem);
        }
        Node current = nodes.lockById(id).orElseThrow(() -> new NotFoundException("node", id));
        urls.check(rpcUrl, current.metricsUrl(), current.fabric());
        return update(id, new UpdateNodeRequest(current.name(), rpcUrl, current.pollIntervalMs(), current.metricsUrl(),
                current.fabric()), ETags.of(current.version()));
    }

    /**
     * Stops polling a node its platform no longer runs, keeping it (and its history): a tombstone goes to the
     * collectors, the node shows {@code retiredAt}. No-op for a node already retired.
     */
    @Transactional
    public Node retire(UUID id, String reason) {
        Node current = nodes.lockById(id).orElseThrow(() -> new NotFoundException("node", id));
        if (!current.monitored()) {
            return current;
        }
        nodes.setRetired(id, Instant.now().truncatedTo(ChronoUnit.MICROS), reason);
        outbox.append(Topics.TARGETS, id.toString(), null);
        Node retired = get(id);
        audit.record(current.orgId(), "node.retire", "node", id, NodeResponse.of(current), NodeResponse.of(retired));
        return retired;
    }

    /** Polls a retired node again (its platform runs it again): its target is published. No-op when monitored. */
    @Transactional
    public Node reinstate(UUID id) {
        Node current = nodes.lockById(id).orElseThrow(() -> new NotFoundException("node", id));
        if (current.monitored()) {
            return current;
        }
        nodes.setRetired(id, null, null);
        Node back = get(id);
        publish(back, chains.findById(back.chainId()).orElseThrow());
        audit.record(current.orgId(), "node.reinstate", "node", id, NodeResponse.of(current), NodeResponse.of(back));
        return back;
    }

    /** Changes the node if {@code ifMatch} names its current version; collectors get the new target. */
    @Transactional
    public Node update(UUID id, UpdateNodeRequest request, String ifMatch) {
        Long required = ETags.requiredVersion(ifMatch);
        Node current = nodes.lockById(id).orElseThrow(() -> new NotFoundException("node", id));
        ETags.check(required, current.version(), "node");
        Chain chain = chains.findById(current.chainId())
                .orElseThrow(() -> new IllegalStateException("node " + id + " has no chain"));
        checkFabric(chain, request.fabric(), request.metricsUrl());
        if (request.effectivePollIntervalMs() != current.pollIntervalMs()) {
            quotas.checkPollInterval(current.orgId(), request.effectivePollIntervalMs());
        }
        Node changed = new Node(id, current.chainId(), current.orgId(), request.name(), request.rpcUrl().strip(),
                request.effectivePollIntervalMs(), request.metricsUrl(), request.fabric(), current.createdAt(),
                current.version());
        try {
            if (!nodes.update(changed, current.version())) {
                throw new PreconditionFailedException("The node was changed meanwhile; GET it again and retry");
            }
        } catch (DuplicateKeyException e) {
            throw new DuplicateNameException("Chain '" + chain.name() + "' already has a node named '"
                    + request.name() + "'", e);
        }
        Node updated = get(id);
        if (updated.monitored()) {
            publish(updated, chain);
        }
        audit.record(updated.orgId(), "node.update", "node", id, NodeResponse.of(current), NodeResponse.of(updated));
        return updated;
    }

    /** Who the audit log names for channels added because the collector discovered them. */
    public static final String DISCOVERY_ACTOR = "collector-discovery";

    /**
     * Adds to a Fabric peer's watched channels those of {@code discovered} (channels the collector found the peer
     * has joined) it does not watch yet, when its {@code fabric.autoMonitorChannels} is on: a new version of the
     * node, its target queued for the collectors, audited as {@code node.channels.discovered} by
     * {@link #DISCOVERY_ACTOR}. A name that is not a Fabric channel name is left out, and the list stays within 50
     * channels. Returns the channels added: none when the setting is off or the node is gone or retired.
     */
    @Transactional
    public java.util.List<String> monitorDiscoveredChannels(UUID id, java.util.List<String> discovered) {
        Node seen = nodes.findById(id).orElse(null);
        if (seen == null || seen.fabric() == null || !seen.fabric().monitorsDiscoveredChannels()) {
            return java.util.List.of(); // the usual case, without a lock
        }
        Node current = nodes.lockById(id).orElse(null);
        if (current == null || !current.monitored() || current.fabric() == null
                || !current.fabric().monitorsDiscoveredChannels()) {
            return java.util.List.of();
        }
        java.util.List<String> watched = new java.util.ArrayList<>(
                current.fabric().channels() == null ? java.util.List.of() : current.fabric().channels());
        java.util.List<String> added = new java.util.ArrayList<>();
        for (String channel : discovered) {
            if (channel.matches("[a-z][a-z0-9.-]{0,248}") && !watched.contains(channel) && watched.size() < 50) {
                watched.add(channel);
                added.add(channel);
            }
        }
        if (added.isEmpty()) {
            return added;
        }
        Node changed = new Node(id, current.chainId(), current.orgId(), current.name(), current.rpcUrl(),
                current.pollIntervalMs(), current.metricsUrl(), current.fabric().withChannels(watched),
                current.createdAt(), current.version());
        if (!nodes.update(changed, current.version())) {
            return java.util.List.of();
        }
        Node updated = get(id);
        publish(updated, chains.findById(updated.chainId()).orElseThrow());
        audit.record(DISCOVERY_ACTOR, updated.orgId(), "node.channels.discovered", "node", id,
                NodeResponse.of(current), NodeResponse.of(updated));
        return added;
    }

    /**
     * Deletes the node and queues its tombstone, so collectors stop polling it. {@code ifMatch} is optional here
     * (the foundation's contract); when given it must name the current version.
     */
    @Transactional
    public void delete(UUID id, String ifMatch) {
        Node current = nodes.lockById(id).orElseThrow(() -> new NotFoundException("node", id));
        if (ifMatch != null) {
            ETags.check(ETags.requiredVersion(ifMatch), current.version(), "node");
        }
        nodes.delete(id);
        outbox.append(Topics.TARGETS, id.toString(), null);
        audit.record(current.orgId(), "node.delete", "node", id, NodeResponse.of(current), null);
    }

    @Transactional(readOnly = true)
    public Node get(UUID id) {
        return nodes.findById(id).orElseThrow(() -> new NotFoundException("node", id));
    }

    /** A page of nodes; a given {@code chainId} must name a chain. */
    @Transactional(readOnly = true)
    public Page<Node> list(NodeRepository.Query query, PageRequest page) {
        if (query.chainId() != null && chains.findById(query.chainId()).isEmpty()) {
            throw new NotFoundException("chain", query.chainId());
        }
        return nodes.find(query, page);
    }

    /** Every monitored (not retired) node of a chain, oldest first (for adapters that talk to the chain). */
    @Transactional(readOnly = true)
    public java.util.List<Node> ofChain(UUID chainId) {
        return allOfChain(chainId).stream().filter(Node::monitored).toList();
    }

    /** Every node of a chain, retired ones included, oldest first. */
    @Transactional(readOnly = true)
    public java.util.List<Node> allOfChain(UUID chainId) {
        return nodes.find(new NodeRepository.Query(chainId, null, null), new PageRequest(0, 10_000)).items();
    }

    /**
     * Queues the current target of every node of the chain again, in the caller's transaction: for a change of the
     * chain that its targets carry (its alliances). Returns how many.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public int republishChain(UUID chainId) {
        Chain chain = chains.findById(chainId).orElseThrow(() -> new NotFoundException("chain", chainId));
        java.util.List<Node> all = ofChain(chainId);
        all.forEach(node -> publish(node, chain));
        return all.size();
    }

    /**
     * Queues the current target of every node of the organization that watches Fabric peers as {@code mspId}, in
     * the caller's transaction: after the organization's identity for that MSP changed, so that the collectors get
     * the new one (or none). Returns how many.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public int republishFabricMsp(UUID orgId, String mspId) {
        return republish(nodes.withFabricMsp(orgId, mspId));
    }

    /**
     * Queues the current target of every node with Fabric settings, in the caller's transaction: after the
     * collectors' key changed, so that the identities in the targets are sealed for the new key. Returns how many.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public int republishFabric() {
        return republish(nodes.withFabric());
    }

    /**
     * Follows an organization's deactivation or reactivation in its transaction: the target of every monitored node
     * of its chains is queued again, which for a deactivated organization is a tombstone (see {@link #publish}).
     */
    @org.springframework.context.event.EventListener
    void organizationStateChanged(io.chainwatch.registry.organization.OrganizationStateChanged change) {
        republish(nodes.monitoredOfOrganization(change.orgId()));
    }

    /** Queues the targets of {@code all}, looking each chain up once. */
    private int republish(java.util.List<Node> all) {
        java.util.Map<UUID, Chain> byId = new java.util.HashMap<>();
        for (Node node : all) {
            publish(node, byId.computeIfAbsent(node.chainId(), id -> chains.findById(id).orElseThrow()));
        }
        return all.size();
    }

    /**
     * Fabric settings belong to nodes of FABRIC chains, and their TLS root certificate must parse. A peer needs its
     * gRPC endpoint and at least one channel; an orderer, an operations endpoint ({@code metricsUrl}) or a channel
     * participation API, and no peer endpoint.
     */
    private static void checkFabric(Chain chain, FabricSettings fabric, String metricsUrl) {
        if (fabric == null) {
            return;
        }
        if (chain.platform() != io.chainwatch.registry.monitoredchain.Platform.FABRIC) {
            throw new InvalidRequestException("fabric", "is only for nodes of FABRIC chains; chain '" + chain.name()
                    + "' is " + chain.platform());
        }
        if (fabric.orderer()) {
            if (fabric.peerEndpoint() != null) {
                throw new InvalidRequestException("fabric.peerEndpoint", "is for peers; an orderer is watched through"
                        + " its operations endpoint (metricsUrl) and fabric.participationUrl");
            }
            if ((metricsUrl == null || metricsUrl.isBlank()) && fabric.participationUrl() == null) {
                throw new InvalidRequestException("metricsUrl", "is needed for an orderer (its operations endpoint,"
                        + " http://host:8443/metrics), unless fabric.participationUrl is given");
            }
        } else {
            if (fabric.peerEndpoint() == null || fabric.peerEndpoint().isBlank()) {
                throw new InvalidRequestException("fabric.peerEndpoint", "is needed for a peer (host:port of its"
                        + " gRPC endpoint); for an orderer set fabric.role to ORDERER");
            }
            if (fabric.channels() == null || fabric.channels().isEmpty()) {
                throw new InvalidRequestException("fabric.channels", "must name at least one channel of the peer");
            }
            if (fabric.participationUrl() != null) {
                throw new InvalidRequestException("fabric.participationUrl", "is for orderers (fabric.role ORDERER)");
            }
        }
        if (fabric.tlsRootCertPem() != null) {
            try {
                java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                        new java.io.ByteArrayInputStream(fabric.tlsRootCertPem().strip()
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            } catch (java.security.cert.CertificateException | RuntimeException e) {
                throw new InvalidRequestException("fabric.tlsRootCertPem", "is not a PEM X.509 certificate");
            }
        }
    }

    /** Queues the node's target; a tombstone instead while its organization is deactivated (it is not polled). */
    private void publish(Node node, Chain chain) {
        Organization organization = organizations.findById(chain.orgId())
                .orElseThrow(() -> new IllegalStateException("chain " + chain.id() + " has no organization"));
        if (organization.deactivated()) {
            outbox.append(Topics.TARGETS, node.id().toString(), null);
            return;
        }
        NodeTarget target = new NodeTarget(node.id(), node.name(), organization.id(), organization.name(),
                chain.id(), chain.name(), chain.platform().name(), node.rpcUrl(),
                node.pollIntervalMs(), node.version(), node.metricsUrl(),
                node.fabric() == null ? null
                        : node.fabric().toTarget(collectorIdentities.sealed(organization.id(), node.fabric().mspId())),
                chainAlliances.of(chain.id()));
        outbox.append(Topics.TARGETS, node.id().toString(), json.writeValueAsString(target));
    }
}
