package io.chainwatch.registry.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.monitoredchain.Chain;
import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.operations.ChainOperationsRouter;
import io.chainwatch.registry.platform.FieldType;
import io.chainwatch.registry.platform.Platform;
import io.chainwatch.registry.web.PlatformCallException;
import io.chainwatch.registry.platform.PlatformOperations;
import io.chainwatch.registry.platform.PlatformResponse;
import io.chainwatch.registry.platform.StandardOperation;
import io.chainwatch.registry.platform.TemplateAdapter;
import io.chainwatch.registry.web.ConflictException;
import io.chainwatch.registry.web.InvalidRequestException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Runs the standard operations against a platform's template or a chain's native adapter (package description). */
@Service
public class ConformanceKit {

    /** Mutating operations in an order that cleans up after itself; the ids they return feed the later ones. */
    static final List<StandardOperation> MUTATING = List.of(StandardOperation.CREATE_NETWORK,
            StandardOperation.JOIN_NETWORK, StandardOperation.CREATE_CHAIN, StandardOperation.JOIN_CHAIN,
            StandardOperation.DEPLOY_CONTRACT, StandardOperation.UPGRADE_CONTRACT, StandardOperation.DELETE_CONTRACT,
            StandardOperation.LEAVE_CHAIN, StandardOperation.DELETE_CHAIN, StandardOperation.LEAVE_NETWORK,
            StandardOperation.DELETE_NETWORK, StandardOperation.RESTART_NODE, StandardOperation.STOP_NODE,
            StandardOperation.START_NODE);

    private final PlatformOperations platforms;
    private final ChainOperationsRouter natives;
    private final ChainService chains;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final JsonMapper json;

    ConformanceKit(PlatformOperations platforms, ChainOperationsRouter natives, ChainService chains, AuditLog audit,
            TransactionTemplate transaction, JsonMapper json) {
        this.platforms = platforms;
        this.natives = natives;
        this.chains = chains;
        this.audit = audit;
        this.transaction = transaction;
        this.json = json;
    }

    /** Every standard operation against the platform's template; mutating ones only when {@code mutating}. */
    public ConformanceReport platform(UUID platformId, JsonNode inputs, boolean mutating) {
        PlatformResponse platform = platforms.read(platformId);
        if (!Platform.ACTIVE.equals(platform.status())) {
            throw new ConflictException("Platform '" + platform.name() + "' is " + platform.status()
                    + "; only an ACTIVE platform can be tried");
        }
        ObjectNode pool = pool(inputs);
        if (!pool.has("name")) {
            pool.put("name", "chainwatch-conformance-" + UUID.randomUUID().toString().substring(0, 8));
        }
        List<ConformanceReport.Result> results = new ArrayList<>();
        for (StandardOperation op : StandardOperation.values()) {
            if (op.group() == StandardOperation.Group.OPERATIONS) {
                results.add(viaTemplate(platform, op, pool));
            }
        }
        for (StandardOperation op : MUTATING) {
            if (!platform.operations().contains(op.id())) {
                results.add(unsupported(op, "the template does not map " + op.id()));
            } else if (!mutating) {
                results.add(new ConformanceReport.Result(op.id(), op.group().name(), ConformanceReport.SKIPPED,
                        "changes the platform; run with \"mutating\": true to try it", null, null, List.of()));
            } else {
                ConformanceReport.Result result = viaTemplate(platform, op, pool);
                results.add(result);
                if (result.outcome().equals(ConformanceReport.PASS)) {
                    result.result().properties().forEach(e -> {
                        if (List.of("networkId", "chainId", "contractId").contains(e.getKey())) {
                            pool.set(e.getKey(), e.getValue());
                        }
                    });
                }
            }
        }
        ConformanceReport report = ConformanceReport.of("platform", platformId, platform.name(), mutating, results);
        transaction.executeWithoutResult(s -> audit.record(platform.orgId(), "platform.conformance", "platform",
                platformId, null, Map.of("mutating", mutating, "passed", report.passed(), "failed", report.failed(),
                        "unsupported", report.unsupported(), "skipped", report.skipped())));
        return report;
    }

    /** The operations group against the chain's native adapter; the other groups are not native (UNSUPPORTED). */
    public ConformanceReport chain(UUID chainId, JsonNode inputs) {
        Chain chain = chains.get(chainId);
        ObjectNode pool = pool(inputs);
        List<ConformanceReport.Result> results = new ArrayList<>();
        for (StandardOperation op : StandardOperation.values()) {
            if (op.group() != StandardOperation.Group.OPERATIONS) {
                results.add(unsupported(op, "the native " + chain.platform() + " adapter has no " + op.group()
                        + " management; register the platform that runs the chain with a template for it"));
                continue;
            }
            ObjectNode request = pool.deepCopy();
            try {
                ObjectNode answer = natives.invoke(chainId, op.id(), request);
                results.add(checked(op, request, answer.path("result"), List.of(nativeExchange(op, request, 200,
                        answer.path("result").toString()))));
            } catch (InvalidRequestException e) {
                results.add(new ConformanceReport.Result(op.id(), op.group().name(), ConformanceReport.SKIPPED,
                        "needs input " + e.field() + ": " + e.getMessage(), request, null, List.of()));
            } catch (ConflictException e) {
                results.add(new ConformanceReport.Result(op.id(), op.group().name(), ConformanceReport.UNSUPPORTED,
                        e.getMessage(), request, null, List.of()));
            } catch (PlatformCallException | IllegalStateException e) {
                results.add(new ConformanceReport.Result(op.id(), op.group().name(), ConformanceReport.FAIL,
                        e.getMessage(), request, null, List.of(nativeExchange(op, request, 0, e.getMessage()))));
            }
        }
        ConformanceReport report = ConformanceReport.of("chain", chainId, chain.name(), false, results);
        transaction.executeWithoutResult(s -> audit.record(chain.orgId(), "chain.conformance", "chain", chainId, null,
                Map.of("passed", report.passed(), "failed", report.failed(), "unsupported", report.unsupported(),
                        "skipped", report.skipped())));
        return report;
    }

    private ConformanceReport.Result viaTemplate(PlatformResponse platform, StandardOperation op, ObjectNode pool) {
        if (!platform.operations().contains(op.id())) {
            return unsupported(op, "the template does not map " + op.id());
        }
        ObjectNode request = pool.deepCopy();
        List<TemplateAdapter.Exchange> exchanges = new ArrayList<>();
        try {
            ObjectNode answer = platforms.invoke(platform.id(), op.id(), request, exchanges);
            return checked(op, request, answer.path("result"), exchanges);
        } catch (InvalidRequestException e) {
            return new ConformanceReport.Result(op.id(), op.group().name(), ConformanceReport.SKIPPED,
                    "needs input " + e.field().replaceFirst("^inputs\\.", "") + " (give it in \"inputs\")", request,
                    null, exchanges);
        } catch (PlatformCallException e) {
            return new ConformanceReport.Result(op.id(), op.group().name(), ConformanceReport.FAIL, e.getMessage(),
                    request, null, exchanges);
        }
    }

    /** PASS when every standard result field is there with its type, else FAIL naming what is wrong. */
    private ConformanceReport.Result checked(StandardOperation op, JsonNode request, JsonNode result,
            List<TemplateAdapter.Exchange> exchanges) {
        List<String> problems = new ArrayList<>();
        op.result().forEach((field, type) -> {
            JsonNode value = result.path(field);
            if (value.isMissingNode() || value.isNull()) {
                problems.add("result." + field + " is missing");
            } else if (!fits(type, value)) {
                problems.add("result." + field + " is " + value.getNodeType().name().toLowerCase() + ", the standard "
                        + "needs " + type.name().toLowerCase());
            }
        });
        return new ConformanceReport.Result(op.id(), op.group().name(), problems.isEmpty() ? ConformanceReport.PASS
                : ConformanceReport.FAIL, problems.isEmpty() ? null : String.join("; ", problems), request, result,
                exchanges);
    }

    private static boolean fits(FieldType type, JsonNode value) {
        return switch (type) {
            case INTEGER -> value.isIntegralNumber();
            case NUMBER -> value.isNumber();
            case STRING -> value.isString();
            case BOOLEAN -> value.isBoolean();
            case ARRAY -> value.isArray();
            case OBJECT -> value.isObject();
        };
    }

    private static ConformanceReport.Result unsupported(StandardOperation op, String reason) {
        return new ConformanceReport.Result(op.id(), op.group().name(), ConformanceReport.UNSUPPORTED, reason, null,
                null, List.of());
    }

    private static TemplateAdapter.Exchange nativeExchange(StandardOperation op, JsonNode request, int status,
            String response) {
        return new TemplateAdapter.Exchange("NATIVE", op.id(), "the organization's node credentials",
                request.toString(), status, response);
    }

    /** The caller's sample inputs, with harmless defaults for paging and block ranges. */
    private ObjectNode pool(JsonNode inputs) {
        ObjectNode pool = json.createObjectNode().put("page", 0).put("size", 10).put("from", 0).put("to", 1)
                .put("block", 0);
        if (inputs != null && inputs.isObject()) {
            inputs.properties().forEach(e -> pool.set(e.getKey(), e.getValue()));
        } else if (inputs != null && !inputs.isNull()) {
            throw new InvalidRequestException("inputs", "must be a JSON object");
        }
        return pool;
    }
}
