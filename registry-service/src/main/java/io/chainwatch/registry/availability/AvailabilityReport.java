package io.chainwatch.registry.availability;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An availability report as the API returns it.
 *
 * @param scope           {@code node}, {@code chain} or {@code alliance}
 * @param from            start of the period (inclusive)
 * @param to              end of the period (exclusive; never after the time of the request)
 * @param periodSeconds   length of the period
 * @param nodes           how many nodes the report covers
 * @param seconds         node-seconds per state ({@code up}, {@code erroring}, {@code unreachable}, {@code unsupported},
 *                        {@code no_data}; {@code unknown} before a node's first recorded state); summed over the nodes
 * @param share           share of the node-seconds per state, 0..1
 * @param availability    {@code up} time over the time whose state is known (1 when none is known)
 * @param objective       the chain's availability objective (chain reports only; {@code null} when none is set)
 * @param errorBudgetLeft share of the objective's error budget left: 1 none used, 0 used up, below 0 overspent
 *                        ({@code null} without an objective)
 * @param outages         every stretch of a node in a state other than {@code up} (and {@code unknown}), oldest first
 */
public record AvailabilityReport(String scope, UUID id, String name, Instant from, Instant to, double periodSeconds,
        int nodes, Map<String, Double> seconds, Map<String, Double> share, double availability, Double objective,
        Double errorBudgetLeft, List<OutageView> outages) {

    /**
     * One outage.
     *
     * @param cause   the reason recorded with the change that started it (the poll's error, "no sample since …")
     * @param ongoing still lasting at the end of the period ({@code end} is then the period's end)
     * @param alerts  the alert service's alerts of the node that fired during the outage or were firing in it
     */
    public record OutageView(UUID nodeId, String node, String state, Instant start, Instant end, double seconds,
            String cause, boolean ongoing, List<AlertView> alerts) {
    }

    /**
     * An alert of the node, as the alert service's transitions record it.
     *
     * @param resolvedAt {@code null} when it was still firing at the end of the period
     */
    public record AlertView(String fingerprint, String ruleType, Instant firedAt, Instant resolvedAt) {
    }
}
