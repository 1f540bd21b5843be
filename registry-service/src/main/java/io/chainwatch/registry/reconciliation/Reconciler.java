package io.chainwatch.registry.reconciliation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.node.CreateNodeRequest;
import io.chainwatch.registry.node.Node;
import io.chainwatch.registry.node.NodeService;
import io.chainwatch.registry.notification.Notifications;
import io.chainwatch.registry.platform.Platform;
import io.chainwatch.registry.web.PlatformCallException;
import io.chainwatch.registry.platform.PlatformOperations;
import io.chainwatch.registry.platform.PlatformResponse;
import io.chainwatch.registry.provisioning.ProvisioningRepository;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.InvalidRequestException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reconciles one platform's monitored chains with what it reports (see the package description). */
@Service
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final PlatformOperations platforms;
    private final ProvisioningRepository platformChains;
    private final NodeService nodes;
    private final ReconciliationRepository runs;
    private final Notifications notifications;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    Reconciler(PlatformOperations platforms, ProvisioningRepository platformChains, NodeService nodes,
            ReconciliationRepository runs, Notifications notifications, AuditLog audit, TransactionTemplate transaction,
            JsonMapper json) {
        this.platforms = platforms;
        this.platformChains = platformChains;
        this.nodes = nodes;
        this.runs = runs;
        this.notifications = notifications;
        this.audit = audit;
        this.transaction = transaction;
        this.json = json;
    }

    /** What the platform said about one monitored chain. */
    private record Answer(ProvisioningRepository.PlatformChain chain, String vanished, List<JsonNode> nodes) {
    }

    /**
     * Asks the platform about every monitored chain it runs, then applies the differences; 409 for a platform that
     * is not ACTIVE. Not called inside a transaction: no database transaction is held while the platform answers.
     */
    public ReconciliationRun reconcile(UUID platformId, String trigger) {
        Instant started = now();
        PlatformResponse platform = platforms.read(platformId);
        if (!Platform.ACTIVE.equals(platform.status())) {
            throw new ConflictException("Platform '" + platform.name() + "' is " + platform.status());
        }
        List<ProvisioningRepository.PlatformChain> chains = transaction.execute(s -> platformChains.ofPlatform(platformId));
        List<Answer> answers = new ArrayList<>();
        try {
            for (ProvisioningRepository.PlatformChain chain : chains) {
                answers.add(ask(platform, chain));
            }
        } catch (PlatformCallException | ConflictException e) {
            return transaction.execute(s -> unreachable(platform, trigger, started, chains.size(), e.getMessage()));
        }
        return transaction.execute(s -> apply(platform, trigger, started, chains.size(), answers));
    }

    private Answer ask(PlatformResponse platform, ProvisioningRepository.PlatformChain chain) {
        if (chain.networkId() != null && platform.operations().contains("networkDetails")) {
            try {
                platforms.invoke(platform.id(), "networkDetails", json.createObjectNode().put("networkId", chain.networkId()));
            } catch (PlatformCallException e) {
                if (!e.notFound()) {
                    throw e;
                }
                return new Answer(chain, "NETWORK_VANISHED", List.of());
            }
        }
        try {
            JsonNode reported = platforms.invoke(platform.id(), "nodes",
                    json.createObjectNode().put("chainId", chain.externalChainId())).path("result").path("nodes");
            return new Answer(chain, null, reported.valueStream().toList());
        } catch (PlatformCallException e) {
            if (!e.notFound()) {
                throw e;
            }
            return new Answer(chain, "CHAIN_VANISHED", List.of());
        }
    }

    private ReconciliationRun apply(PlatformResponse platform, String trigger, Instant started, int chainCount,
            List<Answer> answers) {
        runs.lock(platform.id());
        List<Difference> differences = new ArrayList<>();
        for (Answer answer : answers) {
            ProvisioningRepository.PlatformChain chain = answer.chain();
            List<Node> known = nodes.allOfChain(chain.chainId());
            if (answer.vanished() != null) {
                String what = answer.vanished().equals("NETWORK_VANISHED") ? "network " + chain.networkId()
                        : "chain " + chain.externalChainId();
                differences.add(new Difference(answer.vanished(), chain.chainId(), chain.chainName(), null, null,
                        "the platform no longer has " + what));
                for (Node node : known) {
                    if (node.monitored()) {
                        nodes.retire(node.id(), "the platform no longer has " + what);
                        differences.add(new Difference("NODE_VANISHED", chain.chainId(), chain.chainName(), node.id(),
                                node.name(), "retired: the platform no longer has " + what));
                    }
                }
                continue;
            }
            Map<String, JsonNode> reported = new LinkedHashMap<>();
            for (JsonNode item : answer.nodes()) {
                String name = item.path("name").asString(null);
                if (name == null || item.path("rpcUrl").asString(null) == null) {
                    differences.add(new Difference("NODE_REJECTED", chain.chainId(), chain.chainName(), null, name,
                            "the platform reports a node without name or rpcUrl: " + item));
                } else {
                    reported.put(name, item);
                }
            }
            Map<String, Node> byName = new LinkedHashMap<>();
            known.forEach(node -> byName.put(node.name(), node));
            for (Node node : known) {
                JsonNode item = reported.get(node.name());
                if (item == null) {
                    if (node.monitored()) {
                        nodes.retire(node.id(), "the platform no longer reports it");
                        differences.add(new Difference("NODE_VANISHED", chain.chainId(), chain.chainName(), node.id(),
                                node.name(), "retired: the platform no longer reports it"));
                    }
                    continue;
                }
                if (!node.monitored()) {
                    nodes.reinstate(node.id());
                    differences.add(new Difference("NODE_REAPPEARED", chain.chainId(), chain.chainName(), node.id(),
                            node.name(), "monitored again: the platform reports it again"));
                }
                String url = item.path("rpcUrl").asString();
                if (!url.equals(node.rpcUrl())) {
                    try {
                        nodes.changeRpcUrlChecked(node.id(), url);
                        differences.add(new Difference("NODE_URL_CHANGED", chain.chainId(), chain.chainName(),
                                node.id(), node.name(), node.rpcUrl() + " -> " + url));
                    } catch (InvalidRequestException e) {
                        differences.add(new Difference("NODE_REJECTED", chain.chainId(), chain.chainName(), node.id(),
                                node.name(), "new " + e.field() + " not followed: " + e.getMessage()));
                    }
                }
            }
            for (JsonNode item : reported.values()) {
                String name = item.path("name").asString();
                if (byName.containsKey(name)) {
                    continue;
                }
                try {
                    Node created = nodes.createChecked(new CreateNodeRequest(chain.chainId(), name,
                            item.path("rpcUrl").asString(), null, item.path("metricsUrl").asString(null), null));
                    differences.add(new Difference("NODE_ADDED", chain.chainId(), chain.chainName(), created.id(),
                            name, "monitored: " + created.rpcUrl()));
                } catch (InvalidRequestException e) {
                    differences.add(new Difference("NODE_REJECTED", chain.chainId(), chain.chainName(), null, name,
                            e.field() + " " + e.getMessage()));
                }
            }
        }
        ReconciliationRun run = new ReconciliationRun(UUID.randomUUID(), platform.id(), platform.orgId(), trigger,
                ReconciliationRun.OK, null, chainCount, differences, started, now());
        runs.insert(run);
        audit.record(platform.orgId(), "platform.reconcile", "platform", platform.id(), null, run);
        return run;
    }

    /** Records that the platform did not answer (nothing changed); its organization hears of it once per outage. */
    private ReconciliationRun unreachable(PlatformResponse platform, String trigger, Instant started, int chainCount,
            String error) {
        boolean wasReachable = runs.latest(platform.id()).map(r -> !ReconciliationRun.UNREACHABLE.equals(r.status()))
                .orElse(true);
        ReconciliationRun run = new ReconciliationRun(UUID.randomUUID(), platform.id(), platform.orgId(), trigger,
                ReconciliationRun.UNREACHABLE, error, chainCount, List.of(), started, now());
        runs.insert(run);
        audit.record(platform.orgId(), "platform.reconcile", "platform", platform.id(), null, run);
        log.warn("reconciliation of platform {} ({}): the platform did not answer, nothing changed: {}",
                platform.name(), platform.id(), error);
        if (wasReachable) {
            notifications.add(platform.orgId(), "PLATFORM_UNREACHABLE", null, null,
                    "Platform unreachable: " + platform.name(),
                    "ChainWatch could not reconcile the platform '" + platform.name() + "' (" + platform.id()
                            + ") at " + started + ": " + error + ". Its nodes are kept as they were until it answers.");
        }
        return run;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
