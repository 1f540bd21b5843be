package io.chainwatch.registry.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.alliance.AllianceResponse;
import io.chainwatch.registry.alliance.AllianceService;
import io.chainwatch.registry.alliance.Member;
import io.chainwatch.registry.monitoredchain.Chain;
import io.chainwatch.registry.monitoredchain.ChainService;
import io.chainwatch.registry.node.Node;
import io.chainwatch.registry.node.NodeService;
import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.InvalidRequestException;
import io.chainwatch.registry.web.NotFoundException;
import io.chainwatch.security.Caller;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/nodes/{id}/availability}, {@code GET /api/v1/chains/{id}/availability} and
 * {@code GET /api/v1/alliances/{id}/availability}, each with {@code ?from=&to=} (ISO-8601 instants; {@code to}
 * defaults to now, {@code from} to 24 h before {@code to}; {@code from} before {@code to}, at most 366 days; a
 * {@code to} after now counts until now). JSON by default; {@code Accept: text/csv} or {@code ?format=csv} gives CSV.
 * <p>
 * Scoping: a node or chain of another organization is a 404, as a missing one. An alliance's report covers the
 * monitored nodes of the chains linked to its business chains; an active member sees only its own organization's
 * nodes among them (the other members' nodes, names and errors are theirs), a platform admin sees every member's;
 * anyone else — invited organizations included — gets a 404.
 */
@RestController
class AvailabilityController {

    static final Duration DEFAULT_PERIOD = Duration.ofHours(24);
    static final Duration MAX_PERIOD = Duration.ofDays(366);
    static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final AvailabilityService service;
    private final NodeService nodes;
    private final ChainService chains;
    private final AllianceService alliances;
    private final AllianceNodes allianceNodes;

    AvailabilityController(AvailabilityService service, NodeService nodes, ChainService chains,
            AllianceService alliances, AllianceNodes allianceNodes) {
        this.service = service;
        this.nodes = nodes;
        this.chains = chains;
        this.alliances = alliances;
        this.allianceNodes = allianceNodes;
    }

    /** A validated period {@code [from, to)}. */
    record Period(Instant from, Instant to) {
    }

    @GetMapping("/api/v1/nodes/{id}/availability")
    ResponseEntity<?> node(@PathVariable UUID id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Node node = nodes.get(id);
        Access.visible(node.orgId(), "node", id);
        Period period = period(from, to, format);
        return answer(service.report("node", id, node.name(),
                List.of(new AvailabilityService.NodeRef(id, node.name())), period.from(), period.to(), null),
                format, accept);
    }

    @GetMapping("/api/v1/chains/{id}/availability")
    ResponseEntity<?> chain(@PathVariable UUID id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        Chain chain = chains.get(id);
        Access.visible(chain.orgId(), "chain", id);
        Period period = period(from, to, format);
        List<AvailabilityService.NodeRef> refs = nodes.ofChain(id).stream()
                .map(n -> new AvailabilityService.NodeRef(n.id(), n.name())).toList();
        return answer(service.report("chain", id, chain.name(), refs, period.from(), period.to(),
                chain.availabilityObjective()), format, accept);
    }

    @GetMapping("/api/v1/alliances/{id}/availability")
    ResponseEntity<?> alliance(@PathVariable UUID id, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) String format,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        AllianceResponse alliance = alliances.read(id);
        Caller caller = Access.caller();
        List<UUID> active = alliance.members().stream().filter(m -> Member.ACTIVE.equals(m.status()))
                .map(Member::orgId).toList();
        if (!caller.isPlatformAdmin() && !active.contains(caller.orgId())) {
            throw new NotFoundException("alliance", id);
        }
        Period period = period(from, to, format);
        UUID onlyOrg = caller.isPlatformAdmin() ? null : caller.orgId();
        List<AvailabilityService.NodeRef> refs = allianceNodes.of(id, onlyOrg);
        return answer(service.report("alliance", id, alliance.name(), refs, period.from(), period.to(), null),
                format, accept);
    }

    /** Parses and checks the period; every problem is a 400 naming the parameter. */
    static Period period(String from, String to, String format) {
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw new InvalidRequestException("format", "must be csv or json");
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant end = to == null || to.isBlank() ? now : instant("to", to);
        if (end.isAfter(now)) {
            end = now;
        }
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_PERIOD) : instant("from", from);
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("from", "must be before to (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidRequestException("from", "the period must not be longer than 366 days");
        }
        return new Period(start, end);
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(field, "must be an ISO-8601 instant such as 2026-01-31T00:00:00Z");
        }
    }

    private static ResponseEntity<?> answer(AvailabilityReport report, String format, String accept) {
        boolean csv = "csv".equals(format) || format == null && accept != null && accept.contains("text/csv");
        if (!csv) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
        }
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"availability-" + report.scope() + "-"
                        + report.id() + ".csv\"")
                .body(AvailabilityCsv.of(report));
    }
}
