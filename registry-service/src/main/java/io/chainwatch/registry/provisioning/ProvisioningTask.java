package io.chainwatch.registry.provisioning;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.monitoredchain.Chain;
import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.monitoredchain.CreateChainRequest;
import io.chainwatch.registry.monitoredchain.Platform;
import io.chainwatch.registry.businesschain.ChainLinkService;
import io.chainwatch.registry.node.CreateNodeRequest;
import io.chainwatch.registry.node.Node;
import io.chainwatch.registry.node.NodeService;
import io.chainwatch.registry.web.PlatformCallException;
import io.chainwatch.registry.platform.PlatformOperations;
import io.chainwatch.registry.task.Step;
import io.chainwatch.registry.task.StepFailedException;
import io.chainwatch.registry.task.StepResult;
import io.chainwatch.registry.task.Task;
import io.chainwatch.registry.task.TaskDefinition;
import io.chainwatch.registry.task.TaskLog;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.DuplicateNameException;
import io.chainwatch.registry.web.InvalidRequestException;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the steps of {@link ProvisioningPlan} against the platform through {@link PlatformOperations#invoke} (its
 * template; management calls are audited there) and undoes them on failure: deleteNetwork, leaveNetwork,
 * deleteChain, leaveChain on the platform; the monitored chain and its nodes in the registry (tombstones reach the
 * collectors). A platform's refusal ends the step with the platform's answer in the task's error.
 */
@Component
class ProvisioningTask implements TaskDefinition {

    private final PlatformOperations platforms;
    private final ChainService chains;
    private final ChainLinkService links;
    private final NodeService nodes;
    private final ProvisioningRepository repository;
    private final AuditLog audit;
    private final JsonMapper json;

    ProvisioningTask(PlatformOperations platforms, ChainService chains, ChainLinkService links, NodeService nodes,
            ProvisioningRepository repository, AuditLog audit, JsonMapper json) {
        this.platforms = platforms;
        this.chains = chains;
        this.links = links;
        this.nodes = nodes;
        this.repository = repository;
        this.audit = audit;
        this.json = json;
    }

    @Override
    public String type() {
        return ProvisioningPlan.TYPE;
    }

    @Override
    public StepResult execute(Task task, Step step, TaskLog log) {
        switch (step.name()) {
            case "createNetwork" -> {
                JsonNode network = find(task, "networks", step.param());
                String id = text(call(task, "createNetwork", "network '" + step.param() + "'",
                        json.createObjectNode().put("name", step.param())), "networkId");
                repository.putOutput(task.id(), "network:" + step.param(), id);
                log.info("network '" + step.param() + "' created on the platform as " + id + " (for organization "
                        + network.path("orgId").asString() + ")");
            }
            case "joinNetwork" -> {
                String[] parts = step.param().split("/", 2);
                call(task, "joinNetwork", "organization " + parts[1] + " joining network '" + parts[0] + "'",
                        json.createObjectNode().put("networkId", networkId(task, parts[0])).put("orgId", parts[1]));
                log.info("organization " + parts[1] + " joined network '" + parts[0] + "'");
            }
            case "createChain" -> {
                JsonNode chain = find(task, "chains", step.param());
                String networkId = networkId(task, chain.path("network").asString());
                String id = text(call(task, "createChain", "chain '" + step.param() + "'", json.createObjectNode()
                        .put("networkId", networkId).put("name", step.param())
                        .put("consensus", task.input().path("consensus").asString())), "chainId");
                repository.putOutput(task.id(), "chain:" + step.param(), id);
                log.info("chain '" + step.param() + "' created on the platform as " + id);
            }
            case "joinChain" -> {
                String[] parts = step.param().split("/", 2);
                call(task, "joinChain", "organization " + parts[1] + " joining chain '" + parts[0] + "'",
                        json.createObjectNode().put("chainId", chainId(task, parts[0])).put("orgId", parts[1]));
                log.info("organization " + parts[1] + " joined chain '" + parts[0] + "'");
            }
            case "monitor" -> monitor(task, step, log);
            default -> throw new IllegalStateException("unknown step " + step.name());
        }
        return StepResult.DONE;
    }

    /** The chain becomes a monitored chain linked to the business chain; the platform's nodes become its nodes. */
    private void monitor(Task task, Step step, TaskLog log) {
        JsonNode spec = find(task, "chains", step.param());
        UUID orgId = UUID.fromString(spec.path("orgId").asString());
        UUID businessChainId = uuid(task, "businessChainId");
        String externalId = chainId(task, step.param());
        Chain chain;
        try {
            chain = chains.create(new CreateChainRequest(orgId, spec.path("localName").asString(),
                    Platform.valueOf(task.input().path("chainPlatform").asString())));
        } catch (DuplicateNameException e) {
            throw new StepFailedException(e.getMessage());
        }
        links.link(chain.id(), businessChainId, null);
        repository.insert(new ProvisioningRepository.PlatformChain(chain.id(), chain.name(), orgId,
                uuid(task, "platformId"), businessChainId, networkId(task, spec.path("network").asString()), externalId,
                task.id(), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        repository.putOutput(task.id(), "monitored:" + step.param(), chain.id().toString());
        JsonNode reported = call(task, "nodes", "the nodes of chain '" + step.param() + "'",
                json.createObjectNode().put("chainId", externalId)).path("result").path("nodes");
        int index = 0;
        for (JsonNode node : reported) {
            index++;
            String name = node.path("name").asString(null);
            String rpcUrl = node.path("rpcUrl").asString(null);
            if (name == null || rpcUrl == null) {
                throw new StepFailedException("node #" + index + " the platform reports for chain '" + step.param()
                        + "' has no name or rpcUrl (map them with the nodes operation's \"items\" in the template): "
                        + node);
            }
            try {
                Node created = nodes.createChecked(new CreateNodeRequest(chain.id(), name, rpcUrl,
                        task.input().path("pollIntervalMs").asLong(), node.path("metricsUrl").asString(null), null));
                log.info("node '" + created.name() + "' (" + created.rpcUrl() + ") monitored");
            } catch (InvalidRequestException e) {
                throw new StepFailedException("node '" + name + "' the platform reports for chain '" + step.param()
                        + "' cannot be monitored: " + e.field() + " " + e.getMessage());
            } catch (DuplicateNameException e) {
                throw new StepFailedException("node '" + name + "' the platform reports for chain '" + step.param()
                        + "' cannot be monitored: " + e.getMessage());
            }
        }
        log.info("chain '" + chain.name() + "' monitored with " + index + " nodes");
    }

    @Override
    public void compensate(Task task, Step step, TaskLog log) {
        switch (step.name()) {
            case "createNetwork" -> repository.output(task.id(), "network:" + step.param()).ifPresent(id -> {
                call(task, "deleteNetwork", "deleting network '" + step.param() + "'",
                        json.createObjectNode().put("networkId", id));
                repository.deleteOutput(task.id(), "network:" + step.param());
                log.info("network " + id + " deleted on the platform");
            });
            case "joinNetwork" -> {
                String[] parts = step.param().split("/", 2);
                call(task, "leaveNetwork", "organization " + parts[1] + " leaving network '" + parts[0] + "'",
                        json.createObjectNode().put("networkId", networkId(task, parts[0])).put("orgId", parts[1]));
                log.info("organization " + parts[1] + " left network '" + parts[0] + "'");
            }
            case "createChain" -> repository.output(task.id(), "chain:" + step.param()).ifPresent(id -> {
                call(task, "deleteChain", "deleting chain '" + step.param() + "'",
                        json.createObjectNode().put("chainId", id));
                repository.deleteOutput(task.id(), "chain:" + step.param());
                log.info("chain " + id + " deleted on the platform");
            });
            case "joinChain" -> {
                String[] parts = step.param().split("/", 2);
                call(task, "leaveChain", "organization " + parts[1] + " leaving chain '" + parts[0] + "'",
                        json.createObjectNode().put("chainId", chainId(task, parts[0])).put("orgId", parts[1]));
                log.info("organization " + parts[1] + " left chain '" + parts[0] + "'");
            }
            case "monitor" -> repository.output(task.id(), "monitored:" + step.param()).ifPresent(id -> {
                UUID chainId = UUID.fromString(id);
                int removed = 0;
                for (Node node : nodes.allOfChain(chainId)) {
                    nodes.delete(node.id(), null);
                    removed++;
                }
                repository.delete(chainId);
                chains.deleteEmpty(task.actor(), chainId);
                repository.deleteOutput(task.id(), "monitored:" + step.param());
                log.info("monitored chain and its " + removed + " nodes removed");
            });
            default -> throw new IllegalStateException("unknown step " + step.name());
        }
    }

    /** Runs a standard operation on the task's platform; a refusal becomes the step's reason. */
    private ObjectNode call(Task task, String operation, String what, ObjectNode inputs) {
        try {
            return platforms.invoke(uuid(task, "platformId"), operation, inputs);
        } catch (PlatformCallException | ConflictException | InvalidRequestException e) {
            throw new StepFailedException(operation + " (" + what + "): " + e.getMessage());
        }
    }

    private String networkId(Task task, String name) {
        return repository.output(task.id(), "network:" + name)
                .orElseThrow(() -> new StepFailedException("network '" + name + "' was not created"));
    }

    private String chainId(Task task, String name) {
        return repository.output(task.id(), "chain:" + name)
                .orElseThrow(() -> new StepFailedException("chain '" + name + "' was not created"));
    }

    private static String text(ObjectNode answer, String field) {
        JsonNode value = answer.path("result").path(field);
        if (value.isMissingNode() || value.isNull() || value.asString().isBlank()) {
            throw new StepFailedException("the platform's answer has no " + field);
        }
        return value.asString();
    }

    private static JsonNode find(Task task, String kind, String name) {
        for (JsonNode item : task.input().path(kind)) {
            if (name.equals(item.path("name").asString())) {
                return item;
            }
        }
        throw new IllegalStateException("task " + task.id() + " plans no " + kind + " named " + name);
    }

    private static UUID uuid(Task task, String field) {
        return UUID.fromString(task.input().path(field).asString());
    }
}
