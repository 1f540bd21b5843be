package io.chainwatch.registry.platform;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Matcher;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.security.UnsafeUrlException;
import io.chainwatch.security.UrlGuard;
import io.chainwatch.registry.web.PlatformCallException;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs standard operations against a platform through its mapping template: renders path and query parameters and
 * the JSON body from the call's inputs, calls the platform with its credentials, maps the response onto the
 * standard result fields, and follows asynchronous operations by polling the platform's task status. Redirects are
 * never followed (a 3xx is a failed call: a platform could otherwise send the registry, with its credentials, to an
 * address the {@link UrlGuard} would refuse), and the base URL is checked again before every call (its name may
 * resolve differently than at registration).
 */
@Component
public class TemplateAdapter {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final java.util.Set<String> SCHEMES = java.util.Set.of("http", "https");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final JsonMapper json;
    private final UrlGuard guard;

    TemplateAdapter(JsonMapper json, UrlGuard guard) {
        this.json = json;
        this.guard = guard;
    }

    /**
     * Where and as whom to call a platform; secrets in plain text, only for the duration of a call.
     *
     * @param authType {@code NONE}, {@code TOKEN} (Bearer), {@code AK_SK} (HMAC-SHA256 signed requests) or
     *                 {@code TLS_CLIENT_CERT} (mutual TLS with {@code tlsCertificate} and {@code tlsPrivateKey})
     * @param tlsCa    CA certificate(s) the platform's server certificate must chain to; JDK defaults when null
     */
    public record Target(String baseUrl, String authType, String token, String accessKey, String secretKey,
            String tlsCertificate, String tlsPrivateKey, String tlsCa) {
    }

    /** The health call must answer 2xx. */
    public void probe(Target target, MappingTemplate.Call health) {
        HttpResponse<String> response = send(target, health.method() == null ? "GET" : health.method(), health.path(),
                null);
        if (response.statusCode() / 100 != 2) {
            throw new PlatformCallException("health call " + health.path() + " answered " + response.statusCode());
        }
    }

    /**
     * Runs one standard operation.
     *
     * @param inputs the operation's inputs by name
     * @return {@code {"operation": ..., "result": {standard fields}, "platformTaskId": ... (async only)}}
     */
    public ObjectNode invoke(Target target, StandardOperation operation, MappingTemplate.Operation mapping,
            JsonNode inputs) {
        return invoke(target, operation, mapping, inputs, null);
    }

    /**
     * One HTTP exchange with a platform, for a report: the credentials it carried are named, never shown, and any
     * secret of the target that appears in a body is replaced by {@code ****}.
     *
     * @param status the platform's HTTP status, 0 when it did not answer
     */
    public record Exchange(String method, String path, String authentication, String requestBody, int status,
            String responseBody) {
    }

    /** {@link #invoke(Target, StandardOperation, MappingTemplate.Operation, JsonNode)}, recording every exchange. */
    public ObjectNode invoke(Target target, StandardOperation operation, MappingTemplate.Operation mapping,
            JsonNode inputs, java.util.List<Exchange> exchanges) {
        String path = mapping.path();
        if (mapping.pathParams() != null) {
            for (Map.Entry<String, String> param : mapping.pathParams().entrySet()) {
                path = path.replace("{" + param.getKey() + "}", encode(text(render(param.getValue(), inputs))));
            }
        }
        if (mapping.query() != null && !mapping.query().isEmpty()) {
            StringJoiner query = new StringJoiner("&", "?", "");
            mapping.query().forEach((name, value) -> query.add(encode(name) + "=" + encode(text(render(value, inputs)))));
            path += query;
        }
        String body = mapping.body() == null || mapping.body().isNull() ? null
                : json.writeValueAsString(renderJson(mapping.body(), inputs));
        JsonNode response = call(target, mapping.method(), path, body, exchanges);

        ObjectNode out = json.createObjectNode().put("operation", operation.id());
        JsonNode resultSource;
        if (mapping.async() != null) {
            String taskId = text(at(response, mapping.async().taskId(), "async.taskId"));
            out.put("platformTaskId", taskId);
            resultSource = follow(target, mapping.async(), taskId, exchanges);
        } else {
            resultSource = response;
        }
        ObjectNode result = out.putObject("result");
        if (mapping.result() != null) {
            mapping.result().forEach((field, pointer) -> result.set(field, at(resultSource, pointer, "result." + field)));
        }
        if (mapping.items() != null && !mapping.items().isEmpty()) {
            for (String name : java.util.List.copyOf(result.propertyNames())) {
                JsonNode array = result.get(name);
                if (array.isArray()) {
                    ArrayNode mapped = json.createArrayNode();
                    array.values().forEach(element -> {
                        ObjectNode item = mapped.addObject();
                        mapping.items().forEach((field, pointer) -> {
                            JsonNode value = element.at(pointer);
                            if (!value.isMissingNode()) {
                                item.set(field, value);
                            }
                        });
                    });
                    result.set(name, mapped);
                }
            }
        }
        return out;
    }

    private JsonNode follow(Target target, MappingTemplate.Async async, String taskId, java.util.List<Exchange> exchanges) {
        long interval = async.pollIntervalMs() == null ? 200 : async.pollIntervalMs();
        Instant deadline = Instant.now().plusMillis(async.timeoutMs() == null ? 30_000 : async.timeoutMs());
        String path = async.statusPath().replaceFirst("\\{[^}]*}", Matcher.quoteReplacement(encode(taskId)));
        while (true) {
            JsonNode status = call(target, "GET", path, null, exchanges);
            String state = text(at(status, async.state(), "async.state"));
            if (async.done().contains(state)) {
                return status;
            }
            if (async.failed() != null && async.failed().contains(state)) {
                throw new PlatformCallException("the platform's task " + taskId + " ended in state " + state);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new PlatformCallException("the platform's task " + taskId + " is still " + state + " after "
                        + async.timeoutMs() + " ms");
            }
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformCallException("interrupted while following task " + taskId, e);
            }
        }
    }

    private JsonNode call(Target target, String method, String path, String body, java.util.List<Exchange> exchanges) {
        HttpResponse<String> response;
        try {
            response = send(target, method, path, body);
        } catch (PlatformCallException e) {
            record(exchanges, target, method, path, body, 0, e.getMessage());
            throw e;
        }
        record(exchanges, target, method, path, body, response.statusCode(), response.body());
        if (response.statusCode() / 100 != 2) {
            throw new PlatformCallException(response.statusCode(), method + " " + path + " answered "
                    + response.statusCode() + ": " + abbreviate(response.body()));
        }
        try {
            return json.readTree(response.body());
        } catch (RuntimeException e) {
            throw new PlatformCallException(method + " " + path + " did not answer JSON: " + abbreviate(response.body()), e);
        }
    }

    private HttpResponse<String> send(Target target, String method, String path, String body) {
        String upper = method.toUpperCase(Locale.ROOT);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripSlash(target.baseUrl()) + path))
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(upper, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        authenticate(target, request, upper, path);
        try {
            guard.check("baseUrl", target.baseUrl(), SCHEMES);
        } catch (UnsafeUrlException e) {
            throw new PlatformCallException("the platform's base URL " + e.reason(), e);
        }
        try {
            HttpResponse<String> response = client(target).send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 3) {
                throw new PlatformCallException(upper + " " + path + " answered a redirect (" + response.statusCode()
                        + "); redirects are not followed: register the platform with the URL it answers at");
            }
            return response;
        } catch (IOException e) {
            throw new PlatformCallException(upper + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformCallException("interrupted calling " + path, e);
        }
    }

    private static void record(java.util.List<Exchange> exchanges, Target target, String method, String path,
            String body, int status, String responseBody) {
        if (exchanges == null) {
            return;
        }
        String authentication = switch (target.authType()) {
            case "TOKEN" -> "Authorization: Bearer ****";
            case "AK_SK" -> "X-Access-Key: ****, X-Timestamp, X-Signature: ****";
            case "TLS_CLIENT_CERT" -> "client certificate";
            default -> "none";
        };
        exchanges.add(new Exchange(method.toUpperCase(Locale.ROOT), path, authentication, mask(target, body), status,
                mask(target, abbreviate(responseBody))));
    }

    /** The text with every secret of the target replaced by {@code ****}. */
    static String mask(Target target, String text) {
        if (text == null) {
            return null;
        }
        String masked = text;
        for (String secret : new String[] {target.token(), target.accessKey(), target.secretKey(),
                target.tlsPrivateKey()}) {
            if (secret != null && secret.length() >= 4) {
                masked = masked.replace(secret, "****");
            }
        }
        return masked;
    }

    /** The shared client, or one with the platform's own TLS material (client certificate, trusted CA). */
    private HttpClient client(Target target) {
        if (target.tlsCertificate() == null && target.tlsCa() == null) {
            return http;
        }
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(TlsMaterial.context(target.tlsCertificate(), target.tlsPrivateKey(), target.tlsCa()))
                .build();
    }

    /** TOKEN: {@code Authorization: Bearer}. AK_SK: access key, timestamp and HMAC-SHA256 of method, path, timestamp. */
    static void authenticate(Target target, HttpRequest.Builder request, String method, String path) {
        switch (target.authType()) {
            case "TOKEN" -> request.header("Authorization", "Bearer " + target.token());
            case "AK_SK" -> {
                String timestamp = Long.toString(Instant.now().getEpochSecond());
                request.header("X-Access-Key", target.accessKey());
                request.header("X-Timestamp", timestamp);
                request.header("X-Signature", sign(target.secretKey(), method + "\n" + path + "\n" + timestamp));
            }
            default -> {
                // NONE
            }
        }
    }

    /** Hex HMAC-SHA256 of {@code text} under {@code secretKey}. */
    public static String sign(String secretKey, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A template value: exactly one placeholder keeps the input's JSON type; otherwise text interpolation. */
    JsonNode render(String value, JsonNode inputs) {
        Matcher whole = TemplateValidator.placeholder().matcher(value.strip());
        if (whole.matches()) {
            return input(inputs, whole.group(1));
        }
        Matcher matcher = TemplateValidator.placeholder().matcher(value);
        StringBuilder text = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(text, Matcher.quoteReplacement(text(input(inputs, matcher.group(1)))));
        }
        matcher.appendTail(text);
        return json.getNodeFactory().stringNode(text.toString());
    }

    private JsonNode renderJson(JsonNode template, JsonNode inputs) {
        if (template.isString()) {
            return render(template.asString(), inputs);
        }
        if (template.isObject()) {
            ObjectNode object = json.createObjectNode();
            template.properties().forEach(e -> object.set(e.getKey(), renderJson(e.getValue(), inputs)));
            return object;
        }
        if (template.isArray()) {
            ArrayNode array = json.createArrayNode();
            template.values().forEach(v -> array.add(renderJson(v, inputs)));
            return array;
        }
        return template;
    }

    private static JsonNode input(JsonNode inputs, String name) {
        JsonNode value = inputs == null ? null : inputs.get(name);
        if (value == null || value.isNull()) {
            throw new InvalidRequestException("inputs." + name, "is required by this platform's mapping");
        }
        return value;
    }

    private static JsonNode at(JsonNode response, String pointer, String what) {
        JsonNode value = response.at(pointer);
        if (value.isMissingNode()) {
            throw new PlatformCallException("the platform's response has no " + pointer + " (" + what + ")");
        }
        return value;
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asString() : node.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String abbreviate(String body) {
        return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }
}
