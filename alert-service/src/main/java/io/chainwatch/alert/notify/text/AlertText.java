package io.chainwatch.alert.notify.text;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.chainwatch.alert.evaluate.RuleKind;
import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.lifecycle.NodeView;
import io.chainwatch.alert.lifecycle.Snapshot;
import io.chainwatch.alert.ruleset.RuleTypes;

/**
 * The words of alert messages, in English and Chinese, shared by every channel: subject line, lead sentence,
 * facts (organization, chain, channel, node, rule, times) and current values. Times are UTC, ISO-8601. What a rule
 * type is called and its lead sentence come from the type's own texts ({@code rule/<type>/}, {@link RuleTypes}).
 */
public final class AlertText {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ISO_INSTANT;
    private static final AlertText EN = new AlertText(false);
    private static final AlertText ZH = new AlertText(true);
    private static final int NAMES_IN_SUBJECT = 5;

    private final boolean zh;

    private AlertText(boolean zh) {
        this.zh = zh;
    }

    public static AlertText of(boolean chinese) {
        return chinese ? ZH : EN;
    }

    /** The status word in brackets: FIRING, RESOLVED, REPEAT, ESCALATED (or Chinese). */
    public String tag(String kind) {
        return switch (kind) {
            case AlertEvent.FIRING -> zh ? "告警" : "FIRING";
            case AlertEvent.RESOLVED -> zh ? "已恢复" : "RESOLVED";
            case AlertEvent.REPEAT -> zh ? "持续告警" : "REPEAT";
            default -> zh ? "升级" : "ESCALATED";
        };
    }

    /** What the rule type is called (its texts' title for these events; the type name for an unknown type). */
    public String title(String ruleType) {
        return title(ruleType, List.of());
    }

    private String title(String ruleType, List<AlertEvent> events) {
        RuleKind<?> kind = RuleTypes.of(ruleType);
        return kind == null ? ruleType : kind.texts().title(events, zh);
    }

    /**
     * {@code [FIRING] Chain stalled: <chain>}, {@code [FIRING] Node unreachable: <node> (<chain>)}, or for several
     * nodes {@code [FIRING] Node unreachable: 3 nodes of <chain> (a, b, c)}.
     */
    public String subject(List<AlertEvent> events) {
        AlertEvent e = events.get(0);
        String head = "[" + tag(e.kind()) + "] " + title(e.ruleType(), events) + (zh ? "：" : ": ");
        String chainName = chainOf(e);
        // sorted: the same outage reads the same whatever order its nodes' transitions arrived in
        List<String> nodes = events.stream().filter(x -> x.nodeName() != null).map(AlertEvent::nodeName).sorted()
                .toList();
        if (nodes.isEmpty()) {
            return head + chainName;
        }
        if (nodes.size() == 1) {
            return head + nodes.get(0) + " (" + chainName + ")";
        }
        String names = String.join(", ", nodes.subList(0, Math.min(NAMES_IN_SUBJECT, nodes.size())))
                + (nodes.size() > NAMES_IN_SUBJECT ? ", …" : "");
        return head + (zh ? chainName + " 的 " + nodes.size() + " 个节点 (" + names + ")"
                : nodes.size() + " nodes of " + chainName + " (" + names + ")");
    }

    /** One sentence saying what happened. */
    public String lead(List<AlertEvent> events) {
        AlertEvent e = events.get(0);
        String chain = chainOf(e);
        String node = events.size() == 1 ? e.nodeName() : events.size() + (zh ? " 个节点" : " nodes");
        boolean resolved = AlertEvent.RESOLVED.equals(e.kind());
        RuleKind<?> kind = RuleTypes.of(e.ruleType());
        String lead = kind != null ? kind.texts().lead(events, chain, node, resolved, zh)
                : resolved ? (zh ? "告警已恢复：" : "Resolved: ") + e.summary() : (zh ? "告警：" : "Alert: ") + e.summary();
        if (AlertEvent.REPEAT.equals(e.kind())) {
            lead = (zh ? "仍在告警，尚未确认。" : "Still firing and not acknowledged. ") + lead;
        } else if (AlertEvent.ESCALATION.equals(e.kind())) {
            lead = (zh ? "告警未被确认，已升级给您。" : "Unacknowledged, escalated to you. ") + lead;
        }
        return lead;
    }

    /** Label / value pairs; a pair with an empty label is a line of its own. */
    public List<String[]> facts(AlertEvent e) {
        List<String[]> f = new ArrayList<>();
        f.add(new String[] {zh ? "发生了什么" : "What happened", e.summary()});
        if (AlertEvent.RESOLVED.equals(e.kind())) {
            f.add(new String[] {zh ? "告警开始于" : "Alert fired at", ts(e.startedAt())});
            f.add(new String[] {zh ? "恢复于" : "Resolved at", ts(e.at()) + (zh ? "（持续 " : " (after ")
                    + seconds(e.startedAt(), e.at()) + (zh ? " 秒）" : " s)")});
        } else {
            f.add(new String[] {zh ? "开始于" : "Since", ts(e.conditionSince()) + (zh ? "（已持续 " : " (for ")
                    + seconds(e.conditionSince(), e.at()) + (zh ? " 秒）" : " s)")});
        }
        f.add(new String[] {zh ? "组织" : "Organization", e.orgName() + " (" + e.orgId() + ")"});
        f.add(new String[] {zh ? "链" : "Chain", e.chainName() + " (" + e.chainId() + ")"});
        if (e.snapshot() != null && e.snapshot().channel() != null) {
            f.add(new String[] {zh ? "通道" : "Channel", e.snapshot().channel()});
        }
        if (e.nodeId() != null) {
            f.add(new String[] {zh ? "节点" : "Node", e.nodeName() + " (" + e.nodeId() + ")"});
        }
        f.add(new String[] {zh ? "规则" : "Rule", e.ruleType() + (zh ? "，持续 " : ", for ") + e.forSeconds()
                + (zh ? " 秒，级别 " : " s, severity ") + e.severity() + " (" + e.ruleId() + ")"});
        return f;
    }

    public String currentValuesHeading(AlertEvent e) {
        return (zh ? "当前数值（" : "Current values (at ") + ts(e.at()) + (zh ? "）：" : "):");
    }

    public String bestHeightLine(AlertEvent e) {
        Snapshot s = e.snapshot();
        StringBuilder b = new StringBuilder(zh ? "链最高高度：" : "Best height of the chain: ")
                .append(s.bestHeight() == null ? (zh ? "未知" : "unknown") : String.valueOf(s.bestHeight().longValue()));
        if (s.bestHeightSince() != null) {
            b.append(zh ? "，最近增加于 " : ", last increased at ").append(ts(s.bestHeightSince()))
                    .append(zh ? "（" : " (").append(seconds(s.bestHeightSince(), e.at()))
                    .append(zh ? " 秒前）" : " s ago)");
        }
        return b.toString();
    }

    public String nodeLine(NodeView n) {
        StringBuilder b = new StringBuilder(zh ? "节点 " : "Node ").append(n.nodeName());
        if (n.channel() != null) {
            b.append(zh ? " 通道 " : " channel ").append(n.channel());
        }
        b.append(zh ? "：" : ": ");
        if (n.lastSampleAt() == null) {
            b.append(zh ? "自 " : "no sample since ").append(ts(n.learnedAt())).append(zh ? " 起无数据" : "");
        } else {
            b.append(zh ? "最近数据 " : "last sample ").append(ts(n.lastSampleAt()))
                    .append(zh ? "，结果 " : ", outcome ").append(n.lastOutcome());
            if (n.lastError() != null && !n.lastError().isBlank()) {
                b.append(zh ? "，错误：" : ", error: ").append(n.lastError());
            }
        }
        b.append(zh ? "，高度 " : ", height ").append(n.height() == null ? (zh ? "未知" : "unknown")
                : String.valueOf(n.height().longValue()));
        b.append(zh ? "，区块年龄 " : ", head age ").append(n.headAgeSeconds() == null ? (zh ? "未知" : "unknown")
                : Math.round(n.headAgeSeconds()) + (zh ? " 秒" : " s"));
        return b.toString();
    }

    /** A short text for SMS and chat robots: subject plus what happened per node. */
    public String shortText(List<AlertEvent> events) {
        StringBuilder b = new StringBuilder(subject(events));
        for (AlertEvent e : events) {
            b.append('\n').append(e.summary());
        }
        return b.toString();
    }

    /** The chain's name, with the Fabric channel when the alert is about one ("fabnet / mychannel"). */
    private static String chainOf(AlertEvent e) {
        return e.snapshot() == null || e.snapshot().channel() == null ? e.chainName()
                : e.chainName() + " / " + e.snapshot().channel();
    }

    public static String ts(Instant i) {
        return i == null ? "unknown" : UTC.format(i.truncatedTo(ChronoUnit.MILLIS));
    }

    private static long seconds(Instant from, Instant to) {
        return from == null || to == null ? 0 : Math.max(0, Duration.between(from, to).toSeconds());
    }
}
