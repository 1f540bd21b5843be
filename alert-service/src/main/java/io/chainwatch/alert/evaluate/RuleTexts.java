package io.chainwatch.alert.evaluate;

import java.util.List;

import io.chainwatch.alert.lifecycle.AlertEvent;

/**
 * The default words of a rule type's messages, in English and Chinese: what the type is called in a subject line,
 * and the lead sentence saying what happened. Everything else of a message (facts, current values) is shared by every
 * type ({@code notify/text/AlertText}).
 */
public interface RuleTexts {

    /** The subject's name of the alert, e.g. "Chain stalled" (the events are of one group: one rule, one kind). */
    String title(List<AlertEvent> events, boolean zh);

    /**
     * One sentence saying what happened. {@code chain}: the chain's name (with the channel when the alert is about one);
     * {@code node}: the node's name, or "3 nodes" for several, or null for a chain alert.
     */
    default String lead(List<AlertEvent> events, String chain, String node, boolean resolved, boolean zh) {
        AlertEvent e = events.get(0);
        return resolved ? (zh ? "告警已恢复：" : "Resolved: ") + e.summary() : (zh ? "告警：" : "Alert: ") + e.summary();
    }

    /** Texts with a fixed title and the default lead (the alert's summary). */
    static RuleTexts titled(String en, String zh) {
        return (events, chinese) -> chinese ? zh : en;
    }
}
