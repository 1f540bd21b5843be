package io.chainwatch.alert.notify.email;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.lifecycle.Snapshot;
import io.chainwatch.alert.lifecycle.Transition;
import io.chainwatch.alert.notify.Message;
import io.chainwatch.alert.notify.text.AlertText;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Subject, plain-text body and HTML body of an alert e-mail, in English or Chinese. The words come from
 * {@link AlertText}; the layout from the Mustache templates {@code mail/alert.txt.mustache} and
 * {@code mail/alert.html.mustache} (JMustache; the HTML one escapes every value). A group of one node reads as the
 * foundation's mail ({@code [FIRING] Node unreachable: <node> (<chain>)}); a group of several lists them, each under
 * its node's name.
 */
@Component
public class EmailComposer {

    private static final Template TEXT = template("mail/alert.txt.mustache", Escapers.NONE);
    private static final Template HTML = template("mail/alert.html.mustache", Escapers.HTML);

    /** A composed e-mail. */
    public record Email(String subject, String body) {
    }

    /** What the templates are given. */
    record Model(String subject, String lead, List<Section> events, String ruleType) {
    }

    /** One alert of the group: its heading (only when the group has several), its facts and current values. */
    record Section(String heading, List<Fact> facts, Current current) {
    }

    /** A labelled fact, or (label null) a line of its own. */
    record Fact(String label, String value) {
    }

    /** The chain's values when the alert was judged. */
    record Current(String heading, String bestHeight, List<String> nodes) {
    }

    /** The foundation's single-transition mail in English (kept for callers that have a transition). */
    public Email compose(Transition t) {
        Message m = compose(List.of(AlertEvent.of(t, t.startedAt())), false);
        return new Email(m.subject(), m.text());
    }

    public Message compose(List<AlertEvent> events, boolean chinese) {
        Model model = model(events, AlertText.of(chinese));
        return new Message(model.subject(), TEXT.execute(model), HTML.execute(model));
    }

    private static Model model(List<AlertEvent> events, AlertText text) {
        List<Section> sections = events.stream().map(e -> {
            List<Fact> facts = text.facts(e).stream()
                    .map(f -> new Fact(f[0].isEmpty() ? null : f[0], f[1])).toList();
            Snapshot s = e.snapshot();
            Current current = s == null ? null : new Current(text.currentValuesHeading(e), text.bestHeightLine(e),
                    s.nodes().stream().map(text::nodeLine).toList());
            String heading = events.size() > 1 ? (e.nodeName() == null ? e.chainName() : e.nodeName()) : null;
            return new Section(heading, facts, current);
        }).toList();
        return new Model(text.subject(events), text.lead(events), sections, events.get(0).ruleType());
    }

    private static Template template(String path, Mustache.Escaper escaper) {
        try (Reader reader = new InputStreamReader(new ClassPathResource(path).getInputStream(),
                StandardCharsets.UTF_8)) {
            return Mustache.compiler().withEscaper(escaper).nullValue("").compile(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the mail template " + path, e);
        }
    }
}
