package io.chainwatch.alert.rule;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * One condition on an alert's or a node's labels: {@code label} {@code op} {@code value}, where {@code op} is
 * {@code =}, {@code !=}, {@code =~} (whole-value regular expression) or {@code !~}. A label that is absent counts
 * as the empty string (as in Prometheus). Labels: {@code org}, {@code chain}, {@code chain_id}, {@code node},
 * {@code node_id}, {@code platform}, {@code rule}, {@code rule_id}, {@code severity}.
 */
public record LabelMatcher(@NotBlank @Size(max = 64) String label, String op, @Size(max = 512) String value) {

    public LabelMatcher {
        op = op == null ? "=" : op;
        value = value == null ? "" : value;
    }

    /** Throws {@link IllegalArgumentException} with a clear message when the operator or expression is invalid. */
    public void validate() {
        switch (op) {
            case "=", "!=" -> { }
            case "=~", "!~" -> {
                try {
                    Pattern.compile(value);
                } catch (PatternSyntaxException e) {
                    throw new IllegalArgumentException("matcher " + label + op + "\"" + value
                            + "\": invalid regular expression: " + e.getDescription());
                }
            }
            default -> throw new IllegalArgumentException("matcher " + label + ": unknown operator \"" + op
                    + "\", must be one of =, !=, =~, !~");
        }
    }

    public boolean matches(Map<String, String> labels) {
        String actual = labels.getOrDefault(label, "");
        if (actual == null) {
            actual = "";
        }
        return switch (op) {
            case "=" -> actual.equals(value);
            case "!=" -> !actual.equals(value);
            case "=~" -> Pattern.matches(value, actual);
            case "!~" -> !Pattern.matches(value, actual);
            default -> false;
        };
    }

    /** Whether every matcher matches (an empty list matches everything). */
    public static boolean all(java.util.List<LabelMatcher> matchers, Map<String, String> labels) {
        if (matchers == null) {
            return true;
        }
        for (LabelMatcher m : matchers) {
            if (!m.matches(labels)) {
                return false;
            }
        }
        return true;
    }
}
