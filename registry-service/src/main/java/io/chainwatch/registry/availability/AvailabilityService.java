package io.chainwatch.registry.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Availability reports of a node, a chain or an alliance over a period, from the durable state changes. */
@Service
public class AvailabilityService {

    /** A node a report covers: its id and name. */
    public record NodeRef(UUID id, String name) {
    }

    private final StateChanges changes;
    private final AlertHistory alerts;

    AvailabilityService(StateChanges changes, AlertHistory alerts) {
        this.changes = changes;
        this.alerts = alerts;
    }

    /** The report of {@code nodes} over {@code [from, to)}; {@code objective} may be null. */
    @Transactional(readOnly = true)
    public AvailabilityReport report(String scope, UUID id, String name, List<NodeRef> nodes, Instant from, Instant to,
            Double objective) {
        List<UUID> ids = nodes.stream().map(NodeRef::id).toList();
        Availability.Report report = Availability.of(ids, changes.forPeriod(ids, from, to), from, to);
        Map<UUID, String> names = nodes.stream().collect(Collectors.toMap(NodeRef::id, NodeRef::name, (a, b) -> a));
        List<AlertHistory.Firing> firings = report.outages().isEmpty() ? List.of() : alerts.before(ids, to);
        List<AvailabilityReport.OutageView> outages = report.outages().stream()
                .map(o -> new AvailabilityReport.OutageView(o.nodeId(), names.get(o.nodeId()), lower(o.state()),
                        o.start(), o.end(), o.duration().toMillis() / 1000.0, o.cause(), o.ongoing(),
                        firings.stream().filter(f -> f.nodeId().equals(o.nodeId()) && f.overlaps(o.start(), o.end()))
                                .map(f -> new AvailabilityReport.AlertView(f.fingerprint(), f.ruleType(), f.firedAt(),
                                        f.resolvedAt()))
                                .toList()))
                .toList();
        return new AvailabilityReport(scope, id, name, from, to, Duration.between(from, to).toMillis() / 1000.0,
                nodes.size(), lowerKeys(report.seconds()), lowerKeys(report.share()), report.availability(), objective,
                objective == null ? null : report.errorBudgetLeft(objective), outages);
    }

    private static Map<String, Double> lowerKeys(Map<String, Double> byState) {
        return byState.entrySet().stream().collect(Collectors.toMap(e -> lower(e.getKey()), Map.Entry::getValue,
                Double::sum, TreeMap::new));
    }

    private static String lower(String state) {
        return state.toLowerCase(Locale.ROOT);
    }
}
