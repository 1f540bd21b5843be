package io.chainwatch.gateway.console;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves the console: {@code /assets/**} (content-hashed file names: cached for a year, immutable), every other
 * page URL of the console (a GET of a path without a file extension outside the API, the actuator and the API
 * documentation) answers {@code index.html} with {@code no-cache}, so a bookmarked or reloaded page opens and a new
 * release is picked up at once; {@code /console-config.json} names the OIDC provider and client.
 */
@Configuration
@EnableConfigurationProperties(ConsoleProperties.class)
@ConditionalOnProperty(name = "chainwatch.gateway.console.enabled", havingValue = "true", matchIfMissing = true)
public class ConsoleRoutes {

    static final String ROOT = "chainwatch-console/";

    /** Paths that are never console pages. */
    private static final List<String> NOT_CONSOLE = List.of("/api/", "/actuator", "/v3/", "/docs", "/webjars/",
            "/swagger-ui");

    private final ConsoleProperties properties;
    private final String jwtIssuer;

    public ConsoleRoutes(ConsoleProperties properties,
                         @Value("${chainwatch.gateway.jwt.issuer-uri:}") String jwtIssuer) {
        this.properties = properties;
        this.jwtIssuer = jwtIssuer;
    }

    @Bean
    RouterFunction<ServerResponse> consoleRouter() {
        RequestPredicate page = RequestPredicates.GET("/**").and(request -> isPage(request.path()));
        return RouterFunctions.route()
                .GET("/console-config.json", r -> config())
                .GET("/assets/{*file}", this::asset)
                .route(page, r -> index())
                .build();
    }

    static boolean isPage(String path) {
        if (NOT_CONSOLE.stream().anyMatch(path::startsWith)) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    private Mono<ServerResponse> config() {
        Map<String, Object> config = new LinkedHashMap<>();
        String issuer = properties.issuer() == null || properties.issuer().isBlank() ? jwtIssuer : properties.issuer();
        config.put("issuer", issuer);
        config.put("clientId", properties.clientId());
        if (properties.grafanaUrl() != null && !properties.grafanaUrl().isBlank()) {
            config.put("grafanaUrl", properties.grafanaUrl());
        }
        return ServerResponse.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(config);
    }

    private Mono<ServerResponse> asset(ServerRequest request) {
        String file = request.pathVariable("file");
        if (file.contains("..")) {
            return ServerResponse.notFound().build();
        }
        Resource resource = new ClassPathResource(ROOT + "assets" + file);
        if (!resource.isReadable()) {
            return ServerResponse.notFound().build();
        }
        return ServerResponse.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .contentType(MediaTypeFactory.getMediaType(resource).orElse(MediaType.APPLICATION_OCTET_STREAM))
                .bodyValue(resource);
    }

    private Mono<ServerResponse> index() {
        Resource index = new ClassPathResource(ROOT + "index.html");
        if (!index.isReadable()) {
            return ServerResponse.status(503).contentType(MediaType.TEXT_PLAIN).bodyValue(
                    "The web console is not in this build of the gateway (build the console module with npm).");
        }
        return ServerResponse.ok().cacheControl(CacheControl.noCache()).contentType(MediaType.TEXT_HTML)
                .header("X-Content-Type-Options", "nosniff").bodyValue(index);
    }
}
