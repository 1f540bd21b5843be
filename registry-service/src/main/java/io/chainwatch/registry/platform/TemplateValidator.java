package io.chainwatch.registry.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import tools.jackson.databind.JsonNode;

/**
 * Checks a mapping template against the platform's OpenAPI 3 document, without calling the platform. Each problem
 * is a sentence a user can act on: which operation, what is wrong, why.
 */
public final class TemplateValidator {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_]+)\\s*}}");
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private TemplateValidator() {
    }

    /** The parsed document ($refs resolved), or a problem. */
    public record Parsed(OpenAPI openApi, List<String> problems) {
    }

    public static Parsed parse(String document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(document, null, options);
        if (result == null || result.getOpenAPI() == null || result.getOpenAPI().getPaths() == null) {
            List<String> messages = result == null || result.getMessages() == null ? List.of() : result.getMessages();
            return new Parsed(null, List.of("openApi is not an OpenAPI 3 document with paths"
                    + (messages.isEmpty() ? "" : ": " + String.join("; ", messages))));
        }
        return new Parsed(result.getOpenAPI(), List.of());
    }

    /** Every problem of the template against the document; empty when it can be used. */
    public static List<String> validate(OpenAPI api, MappingTemplate template) {
        List<String> problems = new ArrayList<>();
        if (template.health() == null || template.health().path() == null) {
            problems.add("health: a health call (GET path) is required");
        } else {
            operation(api, "health", "GET", template.health().path(), problems);
        }
        Map<String, MappingTemplate.Operation> operations = template.operations() == null ? Map.of()
                : template.operations();
        for (StandardOperation required : StandardOperation.REQUIRED) {
            if (!operations.containsKey(required.id())) {
                problems.add(required.id() + ": must be mapped (required of every platform)");
            }
        }
        operations.forEach((id, mapping) -> {
            StandardOperation standard = StandardOperation.byId(id).orElse(null);
            if (standard == null) {
                problems.add(id + ": is not a standard operation");
                return;
            }
            if (mapping == null || mapping.method() == null || mapping.path() == null) {
                problems.add(id + ": method and path are required");
                return;
            }
            validate(api, standard, mapping, problems);
        });
        return problems;
    }

    private static void validate(OpenAPI api, StandardOperation standard, MappingTemplate.Operation mapping,
            List<String> problems) {
        String id = standard.id();
        String where = id + " (" + mapping.method().toUpperCase(Locale.ROOT) + " " + mapping.path() + ")";
        io.swagger.v3.oas.models.Operation operation = operation(api, id, mapping.method(), mapping.path(), problems);

        // placeholders only name the operation's inputs; path parameters all given
        Set<String> used = new LinkedHashSet<>();
        if (mapping.pathParams() != null) {
            mapping.pathParams().values().forEach(v -> placeholders(v, used));
        }
        if (mapping.query() != null) {
            mapping.query().values().forEach(v -> placeholders(v, used));
        }
        placeholders(mapping.body(), used);
        used.stream().filter(name -> !standard.inputs().contains(name)).forEach(name -> problems.add(where
                + ": uses {{" + name + "}}, which " + id + " does not provide (inputs: " + standard.inputs() + ")"));
        Set<String> pathParams = pathParams(mapping.path());
        Set<String> given = mapping.pathParams() == null ? Set.of() : mapping.pathParams().keySet();
        pathParams.stream().filter(p -> !given.contains(p))
                .forEach(p -> problems.add(where + ": path parameter {" + p + "} has no value in pathParams"));
        given.stream().filter(p -> !pathParams.contains(p))
                .forEach(p -> problems.add(where + ": pathParams." + p + " is not a parameter of the path"));
        if (operation == null) {
            return;
        }

        // JSON REST only: request and response bodies
        boolean hasBody = mapping.body() != null && !mapping.body().isNull();
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            Content content = operation.getRequestBody().getContent();
            if (json(content) == null) {
                problems.add(where + ": takes a " + kind(content) + " request body (" + String.join(", ", content.keySet())
                        + "); only JSON REST operations can be mapped");
            } else if (!hasBody && Boolean.TRUE.equals(operation.getRequestBody().getRequired())) {
                problems.add(where + ": the platform requires a JSON body but the template gives none");
            }
        } else if (hasBody) {
            problems.add(where + ": the template gives a body but the operation takes none");
        }
        Schema<?> response = successSchema(operation, where, problems);

        // results: every required field mapped, to a value of the right type
        Map<String, String> result = mapping.result() == null ? Map.of() : mapping.result();
        result.keySet().stream().filter(f -> !standard.result().containsKey(f))
                .forEach(f -> problems.add(where + ": result." + f + " is not a result field of " + id
                        + " (fields: " + standard.result().keySet() + ")"));
        Schema<?> resultSchema = response;
        String resultWhere = where;
        if (mapping.async() != null) {
            MappingTemplate.Async async = mapping.async();
            if (async.taskId() == null || async.statusPath() == null || async.state() == null
                    || async.done() == null || async.done().isEmpty()) {
                problems.add(where + ": async needs taskId, statusPath, state and done");
                return;
            }
            if (response != null) {
                typed(response, async.taskId(), null, where + " async.taskId", problems);
            }
            if (pathParams(async.statusPath()).size() != 1) {
                problems.add(where + ": async.statusPath needs exactly one {parameter}, which takes the task id");
            }
            io.swagger.v3.oas.models.Operation status = operation(api, id + " async.statusPath", "GET",
                    async.statusPath(), problems);
            resultSchema = status == null ? null : successSchema(status, id + " (GET " + async.statusPath() + ")", problems);
            resultWhere = id + " (GET " + async.statusPath() + ")";
            if (resultSchema != null) {
                typed(resultSchema, async.state(), FieldType.STRING, resultWhere + " async.state", problems);
            }
        }
        for (Map.Entry<String, FieldType> field : standard.result().entrySet()) {
            String pointer = result.get(field.getKey());
            if (pointer == null) {
                problems.add(where + ": required result field " + field.getKey() + " (" + field.getValue()
                        + ") is not mapped");
            } else if (resultSchema != null) {
                typed(resultSchema, pointer, field.getValue(), resultWhere + " result." + field.getKey(), problems);
            }
        }
    }

    private static io.swagger.v3.oas.models.Operation operation(OpenAPI api, String id, String method, String path,
            List<String> problems) {
        PathItem item = api.getPaths().get(path);
        if (item == null) {
            // the same path with other parameter names, e.g. /jobs/{taskId} for /jobs/{jobId}
            String shape = path.replaceAll("\\{[^}]*}", "{}");
            item = api.getPaths().entrySet().stream()
                    .filter(e -> e.getKey().replaceAll("\\{[^}]*}", "{}").equals(shape))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        PathItem.HttpMethod httpMethod;
        try {
            httpMethod = PathItem.HttpMethod.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(id + ": " + method + " is not an HTTP method");
            return null;
        }
        io.swagger.v3.oas.models.Operation operation = item == null ? null : item.readOperationsMap().get(httpMethod);
        if (operation == null) {
            problems.add(id + ": the platform's API has no " + httpMethod + " " + path);
        }
        return operation;
    }

    /** The schema of the first 2xx response's JSON content, or a problem when it is not JSON. */
    private static Schema<?> successSchema(io.swagger.v3.oas.models.Operation operation, String where,
            List<String> problems) {
        if (operation.getResponses() == null) {
            problems.add(where + ": declares no responses");
            return null;
        }
        for (Map.Entry<String, ApiResponse> entry : operation.getResponses().entrySet()) {
            if (!entry.getKey().startsWith("2")) {
                continue;
            }
            Content content = entry.getValue().getContent();
            if (content == null || content.isEmpty()) {
                return null;
            }
            MediaType json = json(content);
            if (json == null) {
                problems.add(where + ": answers with a " + kind(content) + " body (" + String.join(", ", content.keySet())
                        + "); only JSON REST operations can be mapped");
                return null;
            }
            return json.getSchema();
        }
        problems.add(where + ": declares no 2xx response");
        return null;
    }

    /** Follows a JSON Pointer through the schema and checks the type at its end ({@code null}: any type). */
    static void typed(Schema<?> root, String pointer, FieldType expected, String where, List<String> problems) {
        if (pointer == null || !(pointer.isEmpty() || pointer.startsWith("/"))) {
            problems.add(where + ": '" + pointer + "' is not a JSON Pointer (e.g. /data/height)");
            return;
        }
        Schema<?> schema = root;
        for (String raw : pointer.isEmpty() ? new String[0] : pointer.substring(1).split("/", -1)) {
            String segment = raw.replace("~1", "/").replace("~0", "~");
            String type = type(schema);
            if ("array".equals(type) && segment.matches("\\d+")) {
                schema = schema.getItems();
            } else if (schema != null && schema.getProperties() != null && schema.getProperties().containsKey(segment)) {
                schema = schema.getProperties().get(segment);
            } else {
                problems.add(where + ": " + pointer + " does not exist in the platform's response schema (no '"
                        + segment + "')");
                return;
            }
        }
        String actual = type(schema);
        if (expected != null && !expected.accepts(actual)) {
            problems.add(where + ": " + pointer + " is " + (actual == null ? "untyped" : actual) + " in the platform's "
                    + "response, the standard field needs " + expected.name().toLowerCase(Locale.ROOT));
        }
    }

    private static String type(Schema<?> schema) {
        if (schema == null) {
            return null;
        }
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null && schema.getTypes().size() == 1) {
            return schema.getTypes().iterator().next();
        }
        if (schema.getProperties() != null) {
            return "object";
        }
        return null;
    }

    private static MediaType json(Content content) {
        return content.entrySet().stream()
                .filter(e -> {
                    String type = e.getKey().toLowerCase(Locale.ROOT);
                    return type.startsWith("application/json") || type.matches("application/[a-z0-9.+-]*\\+json.*");
                })
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static String kind(Content content) {
        boolean form = content.keySet().stream().anyMatch(t -> t.startsWith("multipart/")
                || t.startsWith("application/x-www-form-urlencoded"));
        return form ? "form" : "binary or non-JSON";
    }

    private static Set<String> pathParams(String path) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PATH_PARAM.matcher(path);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static void placeholders(String value, Set<String> into) {
        if (value == null) {
            return;
        }
        Matcher matcher = PLACEHOLDER.matcher(value);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    private static void placeholders(JsonNode node, Set<String> into) {
        if (node == null) {
            return;
        }
        if (node.isString()) {
            placeholders(node.asString(), into);
        }
        node.values().forEach(child -> placeholders(child, into));
    }

    /** The placeholder pattern, for the adapter. */
    static Pattern placeholder() {
        return PLACEHOLDER;
    }
}
