package io.chainwatch.cdc.replication;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.cdc.source.CdcSource;
import io.chainwatch.events.NodeSample;
import io.chainwatch.events.PollOutcome;

/**
 * Turns one row into samples: one sample per configured numeric column that has a value (a row with three
 * configured columns gives three samples), each carrying the row's tag columns. Other columns are ignored.
 */
final class RowSamples {

    private RowSamples() {
    }

    static List<NodeSample> of(CdcSource source, Map<String, String> row, long commitTimeMs) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("cdc.source", source.name());
        info.put("cdc.table", source.schema() + "." + source.table());
        for (String tag : source.tags()) {
            String value = row.get(tag);
            if (value != null) {
                info.put(tag, value);
            }
        }
        List<NodeSample> samples = new ArrayList<>();
        source.metrics().forEach((column, metric) -> {
            String value = row.get(column);
            if (value == null) {
                return; // NULL, or an unchanged TOASTed value: nothing new to report
            }
            double number = switch (value) {
                case "NaN" -> Double.NaN;
                case "Infinity" -> Double.POSITIVE_INFINITY;
                case "-Infinity" -> Double.NEGATIVE_INFINITY;
                default -> new BigDecimal(value).doubleValue();
            };
            samples.add(new NodeSample(source.id(), source.chainId(), source.orgId(), commitTimeMs, PollOutcome.OK,
                    null, Map.of(metric, number), info, List.of(), null));
        });
        return samples;
    }
}
