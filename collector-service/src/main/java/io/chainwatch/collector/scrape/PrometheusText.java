package io.chainwatch.collector.scrape;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parser of the Prometheus text exposition format (version 0.0.4): one sample per line,
 * {@code name[{label="value",...}] value [timestamp]}; {@code #} lines ({@code HELP}, {@code TYPE}, comments) and
 * blank lines are skipped; label values may hold escaped {@code \\}, {@code \"} and {@code \n}; values may be
 * {@code NaN}, {@code +Inf}, {@code -Inf}. Whitespace between the name and the labels is accepted (geth writes
 * {@code name {quantile="0.5"} 0}). A line that is not a sample is skipped and counted.
 */
public final class PrometheusText {

    /** One sample line. */
    public record Series(String name, Map<String, String> labels, double value) {
    }

    /** The samples of a text and how many lines were not samples. */
    public record Parsed(List<Series> series, int malformedLines) {
    }

    private PrometheusText() {
    }

    public static Parsed parse(String text) {
        List<Series> series = new ArrayList<>();
        int malformed = 0;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Series s = parseLine(line);
            if (s == null) {
                malformed++;
            } else {
                series.add(s);
            }
        }
        return new Parsed(List.copyOf(series), malformed);
    }

    private static Series parseLine(String line) {
        int i = 0;
        int n = line.length();
        while (i < n && isNameChar(line.charAt(i), i == 0)) {
            i++;
        }
        if (i == 0) {
            return null;
        }
        String name = line.substring(0, i);
        while (i < n && line.charAt(i) == ' ') {
            i++;
        }
        Map<String, String> labels = Map.of();
        if (i < n && line.charAt(i) == '{') {
            labels = new LinkedHashMap<>();
            i = parseLabels(line, i + 1, labels);
            if (i < 0) {
                return null;
            }
            labels = Collections.unmodifiableMap(labels);
        }
        String[] rest = line.substring(i).strip().split("\\s+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            return null;
        }
        Double value = value(rest[0]);
        return value == null ? null : new Series(name, labels, value);
    }

    /** Parses {@code k="v",...}} from {@code i}; returns the index after '}' or -1. */
    private static int parseLabels(String line, int i, Map<String, String> labels) {
        int n = line.length();
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == ',')) {
                i++;
            }
            if (i < n && line.charAt(i) == '}') {
                return i + 1;
            }
            int start = i;
            while (i < n && isNameChar(line.charAt(i), i == start)) {
                i++;
            }
            if (i == start || i + 1 >= n || line.charAt(i) != '=' || line.charAt(i + 1) != '"') {
                return -1;
            }
            String key = line.substring(start, i);
            i += 2;
            StringBuilder value = new StringBuilder();
            while (i < n && line.charAt(i) != '"') {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < n) {
                    char escaped = line.charAt(++i);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
                i++;
            }
            if (i >= n) {
                return -1;
            }
            labels.put(key, value.toString());
            i++; // closing quote
        }
    }

    private static Double value(String text) {
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    return null;
                }
        }
    }

    private static boolean isNameChar(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || (!first && c >= '0' && c <= '9');
    }
}
