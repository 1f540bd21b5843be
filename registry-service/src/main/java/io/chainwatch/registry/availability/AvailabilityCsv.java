package io.chainwatch.registry.availability;

import java.util.Map;

/**
 * A report as one CSV table (RFC 4180: CRLF line ends, text fields quoted), header
 * {@code row,node_id,node,state,start,end,seconds,share,ongoing,cause,alerts}. First the summary: a {@code state} row
 * per state (node-seconds and share over the period), an {@code availability} row (its {@code share}), for a chain with
 * an objective an {@code objective} and an {@code error_budget_left} row; then an {@code outage} row per outage
 * ({@code alerts}: its alerts as {@code ruleType:fingerprint}, space-separated).
 */
final class AvailabilityCsv {

    static final String HEADER = "row,node_id,node,state,start,end,seconds,share,ongoing,cause,alerts\r\n";

    private AvailabilityCsv() {
    }

    static String of(AvailabilityReport report) {
        StringBuilder out = new StringBuilder(HEADER);
        for (Map.Entry<String, Double> state : report.seconds().entrySet()) {
            row(out, "state", "", "", state.getKey(), report, state.getValue(), report.share().get(state.getKey()));
        }
        row(out, "availability", "", "", "", report, report.periodSeconds(), report.availability());
        if (report.objective() != null) {
            row(out, "objective", "", "", "", report, report.periodSeconds(), report.objective());
            row(out, "error_budget_left", "", "", "", report, report.periodSeconds(), report.errorBudgetLeft());
        }
        for (AvailabilityReport.OutageView o : report.outages()) {
            out.append("outage,").append(o.nodeId()).append(',').append(quote(o.node())).append(',')
                    .append(o.state()).append(',').append(o.start()).append(',').append(o.end()).append(',')
                    .append(o.seconds()).append(",,").append(o.ongoing()).append(',').append(quote(o.cause()))
                    .append(',').append(quote(o.alerts().isEmpty() ? null : String.join(" ", o.alerts().stream()
                            .map(a -> a.ruleType() + ":" + a.fingerprint()).toList())))
                    .append("\r\n");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String kind, String nodeId, String node, String state,
            AvailabilityReport report, double seconds, Double share) {
        out.append(kind).append(',').append(nodeId).append(',').append(node).append(',').append(state).append(',')
                .append(report.from()).append(',').append(report.to()).append(',').append(seconds).append(',')
                .append(share == null ? "" : share).append(",,,\r\n");
    }

    /** Quoted, with inner quotes doubled; a value a spreadsheet would run as a formula is prefixed with a quote. */
    static String quote(String text) {
        if (text == null) {
            return "";
        }
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
