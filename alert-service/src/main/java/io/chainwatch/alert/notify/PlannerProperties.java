package io.chainwatch.alert.notify;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the notification planner holds back and how its own notices read, under {@code chainwatch.alert.planner}
 * (defaults in application.yml).
 *
 * @param inhibitions alerts not announced while another alert is open ({@link Inhibition})
 * @param texts       the planner's own notices by name ({@code sms-limit}, {@code channel-failing}) and locale
 *                    ({@code en}, {@code zh}): {@link NoticeText}s whose {@code {placeholders}} are filled in
 */
@ConfigurationProperties("chainwatch.alert.planner")
public record PlannerProperties(List<Inhibition> inhibitions, Map<String, Map<String, NoticeText>> texts) {

    public PlannerProperties {
        inhibitions = inhibitions == null ? List.of() : List.copyOf(inhibitions);
        texts = texts == null ? Map.of() : Map.copyOf(texts);
    }

    /**
     * An alert of rule type {@code target} is not announced while a {@code source} alert is open — on the same node
     * ({@code scope: node}), or anywhere on the chain ({@code scope: chain}), then only when no node of the chain
     * answered when the target fired (a node that answered and showed the fault is news of its own).
     */
    public record Inhibition(String target, String source, String scope) {

        public Inhibition {
            if (!"node".equals(scope) && !"chain".equals(scope)) {
                throw new IllegalArgumentException("an inhibition's scope is node or chain, not " + scope);
            }
        }
    }

    /** A notice's subject and text; {@code {name}} placeholders are replaced by the planner's values. */
    public record NoticeText(String subject, String text) {

        /** This notice with {@code values} put in for their placeholders. */
        public NoticeText fill(Map<String, Object> values) {
            return new NoticeText(fill(subject, values), fill(text, values));
        }

        private static String fill(String template, Map<String, Object> values) {
            String out = template == null ? "" : template;
            for (Map.Entry<String, Object> e : values.entrySet()) {
                out = out.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
            }
            return out;
        }
    }

    /** The notice {@code name} in {@code locale} (English when the locale has none); fails when it is missing. */
    public NoticeText text(String name, String locale) {
        Map<String, NoticeText> byLocale = texts.get(name);
        NoticeText t = byLocale == null ? null : byLocale.getOrDefault(locale, byLocale.get("en"));
        if (t == null) {
            throw new IllegalStateException("no text chainwatch.alert.planner.texts." + name + ".en");
        }
        return t;
    }

    /**
     * Why an alert of {@code ruleType} on {@code nodeId} (null: the chain) is inhibited, or null: the first inhibition
     * whose source is open there ({@code open} answers "is an alert of this rule type open on the chain, on this
     * node (null: any node)"), given whether any node answered when the alert fired.
     */
    public String inhibitedBy(String ruleType, UUID nodeId, boolean anyNodeAnswered, OpenAlerts open) {
        for (Inhibition i : inhibitions) {
            if (!i.target().equals(ruleType)) {
                continue;
            }
            if ("node".equals(i.scope()) && nodeId != null && open.isOpen(i.source(), nodeId)) {
                return "inhibited: the node has an open " + i.source() + " alert";
            }
            if ("chain".equals(i.scope()) && !anyNodeAnswered && open.isOpen(i.source(), null)) {
                return "inhibited by an open " + i.source() + " alert on the chain";
            }
        }
        return null;
    }

    /** Whether an alert of a rule type is open on the chain in question, on a node (null: any node). */
    @FunctionalInterface
    public interface OpenAlerts {
        boolean isOpen(String ruleType, UUID nodeId);
    }
}
