package io.chainwatch.alert.notify.webhook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.notify.text.AlertText;

/** The generic JSON document of an alert group (also the basis of the chat robots' texts). */
public final class WebhookPayloads {

    private WebhookPayloads() {
    }

    public static Map<String, Object> of(List<AlertEvent> events, boolean chinese) {
        AlertEvent first = events.get(0);
        AlertText text = AlertText.of(chinese);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", 1);
        doc.put("kind", first.kind());
        doc.put("subject", text.subject(events));
        doc.put("text", text.lead(events));
        doc.put("orgId", first.orgId().toString());
        doc.put("orgName", first.orgName());
        doc.put("chainId", first.chainId().toString());
        doc.put("chainName", first.chainName());
        doc.put("ruleId", first.ruleId().toString());
        doc.put("ruleType", first.ruleType());
        doc.put("severity", first.severity());
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (AlertEvent e : events) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("fingerprint", e.fingerprint());
            a.put("nodeId", e.nodeId());
            a.put("nodeName", e.nodeName());
            a.put("summary", e.summary());
            a.put("startedAt", AlertText.ts(e.startedAt()));
            a.put("since", AlertText.ts(e.conditionSince()));
            a.put("at", AlertText.ts(e.at()));
            alerts.add(a);
        }
        doc.put("alerts", alerts);
        return doc;
    }

    /** Markdown for chat robots: bold subject, lead, one line per alert. */
    public static String markdown(List<AlertEvent> events, boolean chinese) {
        AlertText text = AlertText.of(chinese);
        StringBuilder b = new StringBuilder("**").append(text.subject(events)).append("**\n\n")
                .append(text.lead(events)).append("\n\n");
        for (AlertEvent e : events) {
            b.append("- ").append(e.summary()).append('\n');
        }
        return b.toString();
    }
}
