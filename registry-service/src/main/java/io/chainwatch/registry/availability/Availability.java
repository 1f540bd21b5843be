package io.chainwatch.registry.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Availability over a period from durable state changes only (nothing one instance held in memory): per node the
 * time spent in each state, the share of the period, and the outages (every stretch not {@code UP}: start, end,
 * state, cause); per group of nodes (a chain, an alliance) the sum of its nodes' times. Time before a node's first
 * known state is {@value #UNKNOWN}.
 */
public final class Availability {

    public static final String UP = "UP";
    public static final String UNKNOWN = "UNKNOWN";

    private Availability() {
    }

    /** A stretch of time in one state other than UP. {@code end} is the period's end when it still lasts. */
    public record Outage(UUID nodeId, String state, Instant start, Instant end, String cause, boolean ongoing) {

        public Duration duration() {
            return Duration.between(start, end);
        }
    }

    /**
     * @param seconds seconds per state (UP, STALLED, ERRORING, UNREACHABLE, UNKNOWN …)
     * @param share   share of the period per state, 0..1
     */
    public record Report(Instant from, Instant to, Map<String, Double> seconds, Map<String, Double> share,
            List<Outage> outages) {

        /** UP time over the time whose state is known; 1 when nothing is known. */
        public double availability() {
            double known = seconds.entrySet().stream().filter(e -> !e.getKey().equals(UNKNOWN))
                    .mapToDouble(Map.Entry::getValue).sum();
            return known == 0 ? 1 : seconds.getOrDefault(UP, 0.0) / known;
        }

        /**
         * The error budget left for an objective (e.g. 0.999): 1 = none used, 0 = used up, below 0 = overspent.
         */
        public double errorBudgetLeft(double objective) {
            double allowed = 1 - objective;
            return allowed <= 0 ? (availability() >= 1 ? 1 : Double.NEGATIVE_INFINITY)
                    : 1 - (1 - availability()) / allowed;
        }
    }

    /** The report of a group of nodes (one node, a chain's nodes, an alliance's nodes) over {@code [from, to)}. */
    public static Report of(List<UUID> nodes, List<StateChange> changes, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        Map<String, Double> seconds = new TreeMap<>();
        List<Outage> outages = new ArrayList<>();
        Map<UUID, List<StateChange>> byNode = new LinkedHashMap<>();
        nodes.forEach(node -> byNode.put(node, new ArrayList<>()));
        for (StateChange change : changes) {
            if (byNode.containsKey(change.nodeId()) && change.at().isBefore(to)) {
                byNode.get(change.nodeId()).add(change);
            }
        }
        for (Map.Entry<UUID, List<StateChange>> node : byNode.entrySet()) {
            List<StateChange> list = node.getValue();
            list.sort(Comparator.comparing(StateChange::at));
            String state = UNKNOWN;
            String cause = null;
            Instant since = from;
            for (StateChange change : list) {
                if (!change.at().isAfter(from)) { // the state the period starts in
                    state = change.to();
                    cause = change.reason();
                } else if (!change.to().equals(state)) { // a repeated state continues the stretch
                    close(node.getKey(), state, since, change.at(), cause, false, seconds, outages);
                    state = change.to();
                    cause = change.reason();
                    since = change.at();
                }
            }
            close(node.getKey(), state, since, to, cause, true, seconds, outages);
        }
        double total = seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> share = new TreeMap<>();
        seconds.forEach((state, s) -> share.put(state, total == 0 ? 0 : s / total));
        outages.sort(Comparator.comparing(Outage::start));
        return new Report(from, to, seconds, share, outages);
    }

    /** A stretch in one state ends: its time is counted, and it is an outage unless UP or UNKNOWN. */
    private static void close(UUID node, String state, Instant start, Instant end, String cause, boolean ongoing,
            Map<String, Double> seconds, List<Outage> outages) {
        if (!end.isAfter(start)) {
            return;
        }
        seconds.merge(state, Duration.between(start, end).toMillis() / 1000.0, Double::sum);
        if (!state.equals(UP) && !state.equals(UNKNOWN)) {
            outages.add(new Outage(node, state, start, end, cause, ongoing));
        }
    }

    /** The outages as CSV: {@code node_id,state,start,end,seconds,ongoing,cause} (RFC 4180 quoting). */
    public static String outagesCsv(Report report) {
        StringBuilder out = new StringBuilder("node_id,state,start,end,seconds,ongoing,cause\r\n");
        for (Outage o : report.outages()) {
            out.append(o.nodeId()).append(',').append(o.state()).append(',').append(o.start()).append(',')
                    .append(o.end()).append(',').append(o.duration().toMillis() / 1000.0).append(',')
                    .append(o.ongoing()).append(',').append(quote(o.cause())).append("\r\n");
        }
        return out.toString();
    }

    private static String quote(String text) {
        if (text == null) {
            return "";
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
