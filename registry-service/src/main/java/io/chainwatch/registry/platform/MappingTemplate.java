package io.chainwatch.registry.platform;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * How a platform's own API implements the standard operations. Values may contain {@code {{input}}} placeholders
 * naming the operation's inputs; a string that is exactly one placeholder takes the input's JSON value (number,
 * object...), otherwise the input is interpolated as text. Result fields are JSON Pointers (RFC 6901) into the
 * platform's response.
 *
 * <pre>{@code
 * {"health": {"method": "GET", "path": "/mgmt/ping"},
 *  "operations": {
 *    "ledgerSummary": {"method": "GET", "path": "/mgmt/ledgers/{ledger}/overview",
 *                      "pathParams": {"ledger": "{{chainId}}"}, "query": {"detail": "short"},
 *                      "result": {"blockHeight": "/data/height", "transactionCount": "/data/txTotal"}},
 *    "createChain": {"method": "POST", "path": "/mgmt/ledgers", "body": {"ledgerName": "{{name}}"},
 *                    "async": {"taskId": "/jobId", "statusPath": "/mgmt/jobs/{jobId}", "state": "/state",
 *                              "done": ["SUCCESS"], "failed": ["FAILED"]},
 *                    "result": {"chainId": "/output/ledgerId"}}}}
 * }</pre>
 *
 * @param health     the call that says the platform is up (GET, 2xx)
 * @param operations standard operation id → its mapping
 */
public record MappingTemplate(Call health, Map<String, Operation> operations) {

    /** A plain call. */
    public record Call(String method, String path) {
    }

    /**
     * One standard operation on the platform.
     *
     * @param pathParams {@code {param}} of the path → value
     * @param query      query parameter → value
     * @param body       JSON body template ({@code null}: no body)
     * @param result     standard result field → JSON Pointer into the response (into the final status response
     *                   for an asynchronous operation)
     * @param async      how to follow the platform's task, {@code null} for a synchronous operation
     * @param items      for array results (e.g. the {@code nodes} of {@code nodes}): standard item field → JSON
     *                   Pointer into each element, e.g. {@code {"name": "/nodeName", "rpcUrl": "/endpoints/rpc"}};
     *                   {@code null}: the elements as the platform gives them
     */
    public record Operation(String method, String path, Map<String, String> pathParams, Map<String, String> query,
            JsonNode body, Map<String, String> result, Async async, Map<String, String> items) {
    }

    /**
     * An operation the platform runs in the background.
     *
     * @param taskId         JSON Pointer to the platform's task id in the first response
     * @param statusPath     GET path of the task status, with one {@code {parameter}} that takes the task id
     * @param state          JSON Pointer to the state in the status response
     * @param done           states that mean success
     * @param failed         states that mean failure
     * @param pollIntervalMs pause between two status calls (default 200)
     * @param timeoutMs      how long to follow the task (default 30000)
     */
    public record Async(String taskId, String statusPath, String state, List<String> done, List<String> failed,
            Long pollIntervalMs, Long timeoutMs) {
    }
}
