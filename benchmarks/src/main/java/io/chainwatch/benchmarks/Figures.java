package io.chainwatch.benchmarks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What every benchmark needs to report: percentiles, and rows for docs/benchmarks.md. */
public final class Figures {

    private Figures() {
    }

    /** The p-th percentile (nearest rank) of the values, which need not be sorted. */
    public static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** A row {@code | id | value | unit | date | command |} dated today. */
    public static String row(String id, double value, String unit, String command) {
        return String.format("| %s | %.2f | %s | %s | `%s` |", id, value, unit, LocalDate.now(), command);
    }
}
