package io.chainwatch.registry.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code chainwatch.chain.availability.ratio{org, chain}} (names): each chain's availability over the last 24 h, from
 * {@code registry.node_state_change}, for every chain with at least one monitored node. Recomputed every
 * {@code chainwatch.registry.availability.gauge-interval} (two queries per run, whatever the number of chains), not
 * per scrape; {@code NaN} while no state of the chain's nodes is known in that window. Every registry instance
 * exports the same figures.
 */
@Component
class AvailabilityGauges {

    static final String NAME = "chainwatch.chain.availability.ratio";
    static final Duration WINDOW = Duration.ofHours(24);

    private static final Logger log = LoggerFactory.getLogger(AvailabilityGauges.class);

    private final JdbcStateChanges changes;
    private final JdbcClient jdbc;
    private final MultiGauge gauge;

    AvailabilityGauges(JdbcStateChanges changes, JdbcClient jdbc, MeterRegistry meters) {
        this.changes = changes;
        this.jdbc = jdbc;
        this.gauge = MultiGauge.builder(NAME)
                .description("Availability of the chain's nodes over the last 24 h: up time over the time whose state"
                        + " is known (registry.node_state_change)")
                .register(meters);
    }

    private record ChainRow(UUID chainId, String org, String chain, UUID nodeId) {
    }

    @Scheduled(fixedDelayString = "${chainwatch.registry.availability.gauge-interval:30s}")
    void refresh() {
        try {
            Instant to = Instant.now();
            Instant from = to.minus(WINDOW);
            Map<UUID, List<UUID>> nodesByChain = new LinkedHashMap<>();
            Map<UUID, Tags> tags = new LinkedHashMap<>();
            jdbc.sql("""
                            select c.id as chain_id, o.name as org, c.name as chain, n.id as node_id
                            from registry.node n
                            join registry.chain c on c.id = n.chain_id
                            join registry.organization o on o.id = c.org_id
                            where n.retired_at is null""")
                    .query((rs, n) -> new ChainRow(rs.getObject("chain_id", UUID.class), rs.getString("org"),
                            rs.getString("chain"), rs.getObject("node_id", UUID.class)))
                    .list()
                    .forEach(row -> {
                        nodesByChain.computeIfAbsent(row.chainId(), id -> new ArrayList<>()).add(row.nodeId());
                        tags.putIfAbsent(row.chainId(), Tags.of("org", row.org(), "chain", row.chain()));
                    });
            Map<UUID, List<StateChange>> byChain = new LinkedHashMap<>();
            for (StateChange change : changes.forMonitoredNodes(from, to)) {
                byChain.computeIfAbsent(change.chainId(), id -> new ArrayList<>()).add(change);
            }
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            nodesByChain.forEach((chain, nodes) -> {
                Availability.Report report = Availability.of(nodes,
                        byChain.getOrDefault(chain, List.of()), from, to);
                double known = report.seconds().entrySet().stream()
                        .filter(e -> !e.getKey().equals(Availability.UNKNOWN))
                        .mapToDouble(Map.Entry::getValue).sum();
                rows.add(MultiGauge.Row.of(tags.get(chain), known == 0 ? Double.NaN : report.availability()));
            });
            gauge.register(rows, true);
        } catch (RuntimeException e) {
            log.warn("chain availability gauges not refreshed: {}", e.toString());
        }
    }
}
