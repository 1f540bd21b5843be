package io.chainwatch.gateway.quota;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.gateway.ChainwatchGatewayProperties;
import io.chainwatch.gateway.auth.AuthenticationFilter;
import io.chainwatch.security.Caller;
import io.chainwatch.security.InternalTokenIssuer;
import io.chainwatch.security.InternalTokenVerifier;
import io.chainwatch.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/organizations/{id}/quotas}: every quota of the organization with its limit and usage, from the
 * service that keeps it; {@code PUT} (platform admin): overrides, e.g. {@code {"nodes": 500, "rules": null}} (null =
 * back to the default). Visibility is the registry's: an organization the caller cannot see is a 404.
 */
@RestController
public class QuotaController {

    /** The services, their audience, and the quotas each keeps. */
    record Service(String name, String audience, String url, Set<String> quotas) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final List<Service> services;
    private final InternalTokenIssuer issuer;
    private final WebClient http;

    /** {@code client}: the gateway's own client (its connection pool and settings, {@code httpclient.*}). */
    public QuotaController(ChainwatchGatewayProperties properties, InternalTokenIssuer issuer, HttpClient client) {
        this.issuer = issuer;
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
        this.services = List.of(
                new Service("registry", "registry-service", properties.registryUrl(),
                        Set.of("chains", "nodes", "min-poll-interval-ms", "api-keys")),
                new Service("alert", "alert-service", properties.alertUrl(),
                        Set.of("rules", "receivers", "recipients-per-rule", "sms-per-hour")),
                new Service("cdc", "cdc-service", properties.cdcUrl(), Set.of("cdc-sources")));
    }

    @GetMapping("/api/v1/organizations/{id}/quotas")
    public Mono<ResponseEntity<String>> get(@PathVariable String id, ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(AuthenticationFilter.CALLER);
        UUID orgId = parse(id);
        if (orgId == null) {
            return Mono.just(problem(HttpStatus.BAD_REQUEST, "The organization id is not a UUID."));
        }
        return collect(caller, orgId);
    }

    @PutMapping("/api/v1/organizations/{id}/quotas")
    public Mono<ResponseEntity<String>> put(@PathVariable String id, @RequestBody String body,
                                            ServerWebExchange exchange) {
        Caller caller = exchange.getAttribute(AuthenticationFilter.CALLER);
        UUID orgId = parse(id);
        if (orgId == null) {
            return Mono.just(problem(HttpStatus.BAD_REQUEST, "The organization id is not a UUID."));
        }
        if (caller == null || !caller.role().atLeast(Role.PLATFORM_ADMIN)) {
            exchange.getAttributes().put(io.chainwatch.gateway.web.Problems.WRITTEN,
                    "Only a platform admin changes quotas.");
            return Mono.just(problem(HttpStatus.FORBIDDEN, "Only a platform admin changes quotas."));
        }
        JsonNode values;
        try {
            values = JSON.readTree(body);
        } catch (RuntimeException e) {
            return Mono.just(problem(HttpStatus.BAD_REQUEST, "The body must be a JSON object of quota: value."));
        }
        if (values == null || !values.isObject()) {
            return Mono.just(problem(HttpStatus.BAD_REQUEST, "The body must be a JSON object of quota: value."));
        }
        Map<Service, ObjectNode> split = new LinkedHashMap<>();
        for (String name : values.propertyNames()) {
            Service owner = services.stream().filter(s -> s.quotas().contains(name)).findFirst().orElse(null);
            JsonNode value = values.get(name);
            if (owner == null) {
                return Mono.just(problem(HttpStatus.BAD_REQUEST, "\"" + name.replaceAll("\\p{Cntrl}", "?")
                        + "\" is not a quota."));
            }
            if (!value.isNull() && !value.isIntegralNumber()) {
                return Mono.just(problem(HttpStatus.BAD_REQUEST, name + " must be a whole number or null."));
            }
            split.computeIfAbsent(owner, s -> JSON.createObjectNode()).set(name, value);
        }
        // the registry first: it knows whether the organization exists
        Mono<ResponseEntity<String>> chain = Mono.empty();
        for (Service service : services) {
            ObjectNode part = split.get(service);
            if (part == null) {
                continue;
            }
            chain = chain.switchIfEmpty(Mono.defer(() -> call(service, "PUT", caller, orgId, part.toString())
                    .flatMap(r -> r.getStatusCode().is2xxSuccessful() ? Mono.<ResponseEntity<String>>empty()
                            : Mono.just(r))));
        }
        return chain.switchIfEmpty(Mono.defer(() -> collect(caller, orgId)));
    }

    /** Every service's quotas, the registry's answer deciding visibility. */
    private Mono<ResponseEntity<String>> collect(Caller caller, UUID orgId) {
        return Mono.zip(services.stream().map(s -> call(s, "GET", caller, orgId, null)).toList(), answers -> {
            ArrayNode quotas = JSON.createArrayNode();
            for (int i = 0; i < answers.length; i++) {
                @SuppressWarnings("unchecked")
                ResponseEntity<String> answer = (ResponseEntity<String>) answers[i];
                if (!answer.getStatusCode().is2xxSuccessful()) {
                    return answer;
                }
                for (JsonNode quota : JSON.readTree(answer.getBody())) {
                    ObjectNode entry = JSON.createObjectNode();
                    entry.put("service", services.get(i).name());
                    entry.setAll((ObjectNode) quota);
                    quotas.add(entry);
                }
            }
            ObjectNode result = JSON.createObjectNode();
            result.put("orgId", orgId.toString());
            result.set("quotas", quotas);
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result.toString());
        });
    }

    private Mono<ResponseEntity<String>> call(Service service, String method, Caller caller, UUID orgId, String body) {
        WebClient.RequestBodySpec request = http.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(service.url() + "/api/v1/quotas?orgId=" + orgId)
                .header(InternalTokenVerifier.HEADER, issuer.issue(caller, service.audience()));
        WebClient.RequestHeadersSpec<?> spec = body == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return spec.exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(text -> ResponseEntity.status(response.statusCode())
                                .contentType(response.headers().contentType().orElse(MediaType.APPLICATION_JSON))
                                .body(text)))
                .timeout(TIMEOUT)
                .onErrorResume(e -> Mono.just(problem(HttpStatus.BAD_GATEWAY, "The " + service.name()
                        + " service did not answer: " + e.getClass().getSimpleName())));
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ResponseEntity<String> problem(HttpStatus status, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(JSON.writeValueAsString(problem));
    }
}
