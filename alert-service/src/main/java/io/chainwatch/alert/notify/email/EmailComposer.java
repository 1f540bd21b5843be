package io.chainwatch.alert.notify.email;

import java.util.List;

import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.lifecycle.NodeView;
import io.chainwatch.alert.lifecycle.Snapshot;
import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.alert.notify.Message;
import io.chainwatch.alert.notify.text.AlertText;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Subject, plain-text body and HTML body of an alert e-mail, in English or Chinese. A group of one node reads as
 * the foundation's mail ({@code [FIRING] Node unreachable: <node> (<chain>)}); a group of several lists them.
 */
@Component
public class EmailComposer {

    /** A composed e-mail. */
    public record Email(String subject, String body) {
    }

    /** The foundation's single-transition mail in English (kept for callers that have a transition). */
    public Email compose(Transition t) {
        Message m = compose(List.of(AlertEvent.of(t, t.startedAt())), false);
        return new Email(m.subject(), m.text());
    }

    public Message compose(List<AlertEvent> events, boolean chinese) {
        AlertText text = AlertText.of(chinese);
        AlertEvent first = events.get(0);
        String subject = text.subject(events);
        StringBuilder b = new StringBuilder();
        StringBuilder h = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">");
        h.append("<h2>").append(esc(subject)).append("</h2>");
        b.append(text.lead(events)).append("\n\n");
        h.append("<p>").append(esc(text.lead(events))).append("</p>");
        for (AlertEvent e : events) {
            List<String[]> facts = text.facts(e);
            if (events.size() > 1) {
                b.append("== ").append(e.nodeName() == null ? e.chainName() : e.nodeName()).append(" ==\n");
                h.append("<h3>").append(esc(e.nodeName() == null ? e.chainName() : e.nodeName())).append("</h3>");
            }
            h.append("<table cellpadding=\"3\">");
            for (String[] f : facts) {
                if (f[0].isEmpty()) {
                    b.append('\n').append(f[1]).append('\n');
                    h.append("<tr><td colspan=\"2\"><b>").append(esc(f[1])).append("</b></td></tr>");
                } else {
                    b.append(f[0]).append(": ").append(f[1]).append('\n');
                    h.append("<tr><td>").append(esc(f[0])).append("</td><td>").append(esc(f[1])).append("</td></tr>");
                }
            }
            h.append("</table>");
            Snapshot s = e.snapshot();
            if (s != null) {
                b.append('\n').append(text.currentValuesHeading(e)).append('\n');
                b.append(text.bestHeightLine(e)).append('\n');
                h.append("<p><b>").append(esc(text.currentValuesHeading(e))).append("</b><br>")
                        .append(esc(text.bestHeightLine(e))).append("</p><ul>");
                for (NodeView n : s.nodes()) {
                    String line = text.nodeLine(n);
                    b.append(line).append('\n');
                    h.append("<li>").append(esc(line)).append("</li>");
                }
                h.append("</ul>");
            }
            b.append('\n');
        }
        b.append("-- ChainWatch\n");
        h.append("<p style=\"color:#888\">ChainWatch · ").append(esc(first.ruleType())).append("</p></body></html>");
        return new Message(subject, b.toString(), h.toString());
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s);
    }
}
