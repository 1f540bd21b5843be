package io.chainwatch.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Requests built from the services' OpenAPI documents: for every operation, its path with each path variable as a
 * foreign id, an unknown id and a malformed value; its query parameters as a control character and an unknown
 * value; and, for an operation with a JSON body, a body built from the schema with one field at a time replaced by
 * a value that must be refused (a control character, a value of the wrong type, a huge or negative number, an
 * unknown enumeration value, a malformed or foreign id). Every request must be refused without a 5xx.
 */
final class OpenApiFuzz {

    /** One request: method, path with query, JSON body or null, and what it probes. */
    record Request(String method, String path, String body, String probe) {
        String describe() {
            return method + " " + path + (body == null ? "" : " " + (body.length() > 200 ? body.substring(0, 200) + "..." : body))
                    + " [" + probe + "]";
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String foreignId;
    private final String ownOrgId;

    /**
     * @param foreignId an id of another organization's resource (and that organization's id)
     * @param ownOrgId  the caller's organization (a body's orgId when the field is not the one probed)
     */
    OpenApiFuzz(String foreignId, String ownOrgId) {
        this.foreignId = foreignId;
        this.ownOrgId = ownOrgId;
    }

    /** Every request for every operation of {@code document} (an OpenAPI 3 JSON document). */
    List<Request> requests(JsonNode document) {
        List<Request> requests = new ArrayList<>();
        JsonNode schemas = document.path("components").path("schemas");
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                JsonNode op = operation.getValue();
                List<String> paths = pathVariants(path.getKey());
                String sane = paths.get(0);
                for (String p : paths) {
                    requests.add(new Request(method, p, bodyOf(op, schemas) == null ? null : "{}", "path " + p));
                }
                for (JsonNode parameter : op.path("parameters")) {
                    if (!"query".equals(parameter.path("in").asString())) {
                        continue;
                    }
                    String name = parameter.path("name").asString();
                    for (String value : List.of("%00", "NOPE", "99999999999999999999999", "-1")) {
                        requests.add(new Request(method, sane + (sane.contains("?") ? "&" : "?") + name + "=" + value,
                                null, "query " + name + "=" + value));
                    }
                }
                JsonNode body = bodyOf(op, schemas);
                if (body != null) {
                    requests.addAll(bodies(method, sane, body, schemas));
                }
            }
        }
        return requests;
    }

    /** The path with its variables as a foreign id (first: the one used for query and body probes), a new id, junk. */
    private List<String> pathVariants(String template) {
        if (!template.contains("{")) {
            return List.of(template);
        }
        return List.of(template.replaceAll("\\{[^}]+}", foreignId),
                template.replaceAll("\\{[^}]+}", java.util.UUID.randomUUID().toString()),
                template.replaceAll("\\{[^}]+}", "not-an-id%01"));
    }

    /** The JSON schema of the operation's body, resolved, or null when it takes none. */
    private static JsonNode bodyOf(JsonNode op, JsonNode schemas) {
        JsonNode content = op.path("requestBody").path("content");
        JsonNode schema = content.path("application/json").path("schema");
        if (schema.isMissingNode()) {
            return null;
        }
        return resolve(schema, schemas);
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        for (int depth = 0; depth < 5 && schema.has("$ref"); depth++) {
            String ref = schema.get("$ref").asString();
            schema = schemas.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        if (schema.has("oneOf") && schema.get("oneOf").size() > 0) {
            return resolve(schema.get("oneOf").get(0), schemas);
        }
        return schema;
    }

    private List<Request> bodies(String method, String path, JsonNode schema, JsonNode schemas) {
        List<Request> requests = new ArrayList<>();
        for (String whole : List.of("\"\\u0000\"", "[[]]", "12", "{\"a\":{\"b\":{\"c\":[1e308]}}}")) {
            requests.add(new Request(method, path, whole, "body " + whole));
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        schema.path("properties").properties().forEach(e -> properties.put(e.getKey(), resolve(e.getValue(), schemas)));
        if (properties.isEmpty()) {
            return requests;
        }
        ObjectNode baseline = JSON.createObjectNode();
        properties.forEach((name, property) -> baseline.set(name, sample(name, property)));
        for (Map.Entry<String, JsonNode> field : properties.entrySet()) {
            for (JsonNode bad : badValues(field.getValue())) {
                ObjectNode body = baseline.deepCopy();
                body.set(field.getKey(), bad);
                requests.add(new Request(method, path, body.toString(), "field " + field.getKey() + "=" + bad));
            }
        }
        return requests;
    }

    /** A plausible value of a property (the body's other fields while one is probed). */
    private JsonNode sample(String name, JsonNode property) {
        String type = property.path("type").asString("");
        String format = property.path("format").asString("");
        if (property.has("enum") && property.get("enum").size() > 0) {
            return property.get("enum").get(0);
        }
        return switch (type) {
            case "integer", "number" -> JSON.getNodeFactory().numberNode(1);
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            case "array" -> JSON.createArrayNode();
            case "object" -> JSON.createObjectNode();
            default -> "uuid".equals(format) ? JSON.getNodeFactory().stringNode("orgId".equals(name) ? ownOrgId
                    : java.util.UUID.randomUUID().toString())
                    : "date-time".equals(format) ? JSON.getNodeFactory().stringNode("2030-01-01T00:00:00Z")
                    : JSON.getNodeFactory().stringNode("fuzz");
        };
    }

    /** Values the property must refuse. */
    private List<JsonNode> badValues(JsonNode property) {
        String type = property.path("type").asString("");
        String format = property.path("format").asString("");
        List<JsonNode> bad = new ArrayList<>();
        bad.add(JSON.getNodeFactory().stringNode("nul\u0000inside"));
        bad.add(JSON.readTree("{\"nested\":{\"deeper\":[1]}}"));
        switch (type) {
            case "integer", "number" -> {
                bad.add(JSON.readTree("1e308"));
                bad.add(JSON.readTree("-99999999999999999999999"));
            }
            case "boolean" -> bad.add(JSON.getNodeFactory().stringNode("maybe"));
            case "array" -> bad.add(JSON.readTree("[{\"x\":[[[]]]}, \"\\u0001\"]"));
            default -> {
                if ("uuid".equals(format)) {
                    bad.add(JSON.getNodeFactory().stringNode("not-a-uuid"));
                    bad.add(JSON.getNodeFactory().stringNode(foreignId));
                } else if ("date-time".equals(format)) {
                    bad.add(JSON.readTree("1e308"));
                    bad.add(JSON.getNodeFactory().stringNode("yesterday"));
                } else if (property.has("enum")) {
                    bad.add(JSON.getNodeFactory().stringNode("NOPE"));
                }
            }
        }
        return bad;
    }
}
