package io.chainwatch.registry.conformance;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.platform.TemplateAdapter;

import tools.jackson.databind.JsonNode;

/**
 * What a conformance run found.
 *
 * @param kind     {@code platform} (its template) or {@code chain} (its native adapter)
 * @param mutating whether mutating operations were run
 */
public record ConformanceReport(String kind, UUID id, String name, boolean mutating, int passed, int failed,
        int unsupported, int skipped, List<Result> operations, Instant at) {

    public static final String PASS = "PASS";
    public static final String FAIL = "FAIL";
    public static final String UNSUPPORTED = "UNSUPPORTED";
    public static final String SKIPPED = "SKIPPED";

    /**
     * One operation's outcome.
     *
     * @param outcome   PASS, FAIL, UNSUPPORTED or SKIPPED
     * @param reason    why it failed, is unsupported or was skipped
     * @param exchanges the raw requests and responses (secrets masked); for a native adapter one pseudo-exchange
     *                  {@code NATIVE <operation>} with the inputs and the answer
     */
    public record Result(String operation, String group, String outcome, String reason, JsonNode inputs,
            JsonNode result, List<TemplateAdapter.Exchange> exchanges) {
    }

    static ConformanceReport of(String kind, UUID id, String name, boolean mutating, List<Result> results) {
        return new ConformanceReport(kind, id, name, mutating, count(results, PASS), count(results, FAIL),
                count(results, UNSUPPORTED), count(results, SKIPPED), results, Instant.now());
    }

    private static int count(List<Result> results, String outcome) {
        return (int) results.stream().filter(r -> r.outcome().equals(outcome)).count();
    }
}
