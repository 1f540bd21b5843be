package io.chainwatch.registry.conformance;

import java.util.UUID;

import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.platform.PlatformOperations;
import io.chainwatch.registry.web.Access;
import io.chainwatch.security.Role;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/platforms/{id}/conformance} {@code {"inputs"?: {...}, "mutating"?: false}} and
 * {@code POST /api/v1/chains/{id}/conformance} {@code {"inputs"?}} → a {@link ConformanceReport}. An operator of
 * the owning organization; mutating runs need an org admin. Other organizations get 404.
 */
@RestController
@RequestMapping("/api/v1")
class ConformanceController {

    /** Body of both calls; every field optional. */
    record Request(JsonNode inputs, Boolean mutating) {
    }

    private final ConformanceKit kit;
    private final PlatformOperations platforms;
    private final ChainService chains;

    ConformanceController(ConformanceKit kit, PlatformOperations platforms, ChainService chains) {
        this.kit = kit;
        this.platforms = platforms;
        this.chains = chains;
    }

    @PostMapping("/platforms/{id}/conformance")
    ConformanceReport platform(@PathVariable UUID id, @RequestBody(required = false) Request request) {
        Access.visible(platforms.read(id).orgId(), "platform", id);
        boolean mutating = request != null && Boolean.TRUE.equals(request.mutating());
        Access.require(mutating ? Role.ORG_ADMIN : Role.OPERATOR);
        return kit.platform(id, request == null ? null : request.inputs(), mutating);
    }

    @PostMapping("/chains/{id}/conformance")
    ConformanceReport chain(@PathVariable UUID id, @RequestBody(required = false) Request request) {
        Access.visible(chains.get(id).orgId(), "chain", id);
        Access.require(Role.OPERATOR);
        if (request != null && Boolean.TRUE.equals(request.mutating())) {
            throw new io.chainwatch.registry.web.InvalidRequestException("mutating",
                    "native adapters run only the read-only operations group");
        }
        return kit.chain(id, request == null ? null : request.inputs());
    }
}
