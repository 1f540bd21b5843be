package io.chainwatch.alert.rule;

import java.util.List;

/** The comparison operators of threshold and rate rules. */
public final class Comparison {

    public static final List<String> SYMBOLS = List.of(">", ">=", "<", "<=", "==", "!=");

    private Comparison() {
    }

    /** {@code value op threshold}. */
    public static boolean holds(double value, String op, double threshold) {
        return switch (op) {
            case ">" -> value > threshold;
            case ">=" -> value >= threshold;
            case "<" -> value < threshold;
            case "<=" -> value <= threshold;
            case "==" -> value == threshold;
            case "!=" -> value != threshold;
            default -> false;
        };
    }
}
