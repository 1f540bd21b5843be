package io.chainwatch.local;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Makes requests that the API must refuse cleanly: every public path of every service, with random ids and query
 * strings, and bodies that are never a valid resource (not JSON, the wrong JSON type, required fields missing or
 * of a type no coercion turns into the right one, absurd sizes and nesting). Deterministic for a given seed.
 */
final class ApiFuzz {

    /** A request to send. */
    record Request(String method, String path, String contentType, String body) {
        String describe() {
            String shown = body == null ? "" : body.length() > 120 ? body.substring(0, 120) + "..." : body;
            return method + " " + path + " [" + contentType + "] " + shown;
        }
    }

    /** Every public collection; {id} and {id2} are replaced by ids, {x} by a path segment. */
    private static final List<String> PATHS = List.of(
            "/api/v1/organizations", "/api/v1/organizations/{id}", "/api/v1/organizations/{id}/api-keys",
            "/api/v1/organizations/{id}/api-keys/{id2}", "/api/v1/organizations/{id}/resource-space",
            "/api/v1/chains", "/api/v1/chains/{id}", "/api/v1/chains/{id}/ledger", "/api/v1/chains/{id}/blocks",
            "/api/v1/chains/{id}/blocks/{x}", "/api/v1/chains/{id}/transactions/{x}", "/api/v1/chains/{id}/nodes",
            "/api/v1/nodes", "/api/v1/nodes/{id}", "/api/v1/alliances", "/api/v1/alliances/{id}",
            "/api/v1/alliances/{id}/join", "/api/v1/alliances/{id}/leave", "/api/v1/business-chains",
            "/api/v1/business-chains/{id}", "/api/v1/blockchains", "/api/v1/blockchains/{id}", "/api/v1/tasks",
            "/api/v1/tasks/{id}", "/api/v1/tasks/{id}/decisions", "/api/v1/notifications", "/api/v1/audit",
            "/api/v1/platforms", "/api/v1/platforms/{id}", "/api/v1/platforms/{id}/operations/{x}",
            "/api/v1/contracts", "/api/v1/contracts/{id}", "/api/v1/contracts/{id}/calls/{x}",
            "/api/v1/rules", "/api/v1/rules/{id}", "/api/v1/rules/validate", "/api/v1/rules/dry-run",
            "/api/v1/rules/{id}/enable", "/api/v1/rules/{id}/disable", "/api/v1/alerts", "/api/v1/alerts/{id}",
            "/api/v1/alerts/{id}/acknowledge", "/api/v1/alerts/history", "/api/v1/alerts/pending",
            "/api/v1/alerts/stats", "/api/v1/receivers", "/api/v1/receivers/{id}", "/api/v1/silences",
            "/api/v1/silences/{id}", "/api/v1/cdc/sources", "/api/v1/cdc/sources/{id}",
            "/api/v1/cdc/sources/{id}/status");

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "POST", "PUT");

    private static final List<String> SEGMENTS = List.of("0", "-1", "99999999999999999999", "null", "%00",
            "..%2F..%2Fetc%2Fpasswd", "%27%20OR%201%3D1--", "%E2%80%AE", "a".repeat(300), "%7B%7D", "true", "1e309",
            "0x", "%20", "latest", "NaN");

    private static final List<String> QUERY_VALUES = List.of("-1", "0", "2147483648", "abc", "", "%00", "1e9",
            "%27", "null", "[]", "99999999999999999999999", UUID.randomUUID().toString(), "true", "%FF%FE");

    private static final List<String> QUERY_NAMES = List.of("page", "size", "orgId", "chainId", "name", "status",
            "from", "to", "minutes", "severity", "sort", "nodeId", "ruleId");

    /** Bodies that no endpoint may accept. */
    private static final List<String> BAD_BODIES = List.of("", "{", "}", "[", "nul", "{\"a\":}", "{'name':'x'}",
            "[]", "[{}]", "123", "\"text\"", "true", "null", "{\"name\":", "{\"name\":\"x\"", "\u0000\u0001",
            "{\"name\":\"\\ud800\"}", "<xml/>", "name=x&orgId=y", "{\"__proto__\":{\"admin\":true}}");

    /** Fields every create/update body uses; given a value no coercion can make valid. */
    private static final List<String> FIELDS = List.of("name", "orgId", "chainId", "rpcUrl", "platform",
            "pollIntervalMs", "type", "severity", "forSeconds", "matchers", "emailTo", "url", "jdbcUrl", "columns",
            "role", "expiresAt", "contactEmail", "members", "baseUrl", "startsAt", "endsAt", "threshold");

    private static final List<String> BAD_VALUES = List.of("{}", "[[[]]]", "{\"$ne\":null}", "-1e400",
            "\"" + "x".repeat(5000) + "\"", "[{\"a\":1}]", "\"\\u0000\"", "\"http://169.254.169.254/\"",
            "\"jdbc:postgresql://127.0.0.1:1/x?socketFactory=x\"", "9223372036854775808", "\"not-a-uuid\"");

    private final Random random;
    private final List<String> ids;

    ApiFuzz(Random random, List<String> existingIds) {
        this.random = random;
        this.ids = existingIds;
    }

    Request next() {
        String method = pick(METHODS);
        // existing ids only where the request is a read or its body is invalid: a DELETE of an existing resource
        // is a valid request, and would rightly change data
        boolean existing = !method.equals("DELETE");
        String path = pick(PATHS).replace("{id}", id(existing)).replace("{id2}", id(existing))
                .replace("{x}", pick(SEGMENTS));
        if (random.nextInt(3) == 0) {
            path += query();
        }
        if (method.equals("GET") || method.equals("DELETE")) {
            return new Request(method, path, null, null);
        }
        int kind = random.nextInt(10);
        if (kind < 3) {
            return new Request(method, path, "application/json", pick(BAD_BODIES));
        }
        if (kind < 8) {
            return new Request(method, path, "application/json", objectWithABadField());
        }
        if (kind < 9) {
            return new Request(method, path, "application/json", "[".repeat(5000) + "]".repeat(5000));
        }
        return new Request(method, path, pick(List.of("text/plain", "application/xml",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")), "name=x&orgId=" + id(true));
    }

    /** An object whose first field has a value that cannot be valid, followed by plausible others. */
    private String objectWithABadField() {
        StringBuilder body = new StringBuilder("{\"").append(pick(FIELDS)).append("\":").append(pick(BAD_VALUES));
        int more = random.nextInt(4);
        for (int i = 0; i < more; i++) {
            body.append(",\"").append(pick(FIELDS)).append("\":").append(random.nextBoolean()
                    ? "\"" + id(true) + "\"" : pick(BAD_VALUES));
        }
        return body.append('}').toString();
    }

    private String query() {
        StringBuilder query = new StringBuilder("?");
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                query.append('&');
            }
            query.append(pick(QUERY_NAMES)).append('=').append(pick(QUERY_VALUES));
        }
        return query.toString();
    }

    private String id(boolean existing) {
        int kind = random.nextInt(4);
        if (kind == 0 && !existing) {
            kind = 1;
        }
        return switch (kind) {
            case 0 -> pick(ids);
            case 1 -> UUID.randomUUID().toString();
            case 2 -> URLEncoder.encode(pick(List.of("not-a-uuid", "1", "' or 1=1", "ÿ")), StandardCharsets.UTF_8);
            default -> pick(SEGMENTS);
        };
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
