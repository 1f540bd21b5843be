package io.chainwatch.alert.lifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Something to announce about one alert, as stored (JSON) in the event log until it is grouped into messages.
 *
 * @param kind           FIRING, RESOLVED, REPEAT (still firing, announced again) or ESCALATION (unacknowledged)
 * @param conditionSince since when the condition held (FIRING) or when the alert fired (others)
 * @param startedAt      when the alert fired
 * @param at             when this happened
 * @param summary        one line saying what happened (from the rule's template when it has one)
 * @param level          receivers' escalation level addressed (0 = the normal receivers)
 */
public record AlertEvent(
        String fingerprint,
        String kind,
        UUID ruleId,
        String ruleType,
        String severity,
        int forSeconds,
        UUID orgId,
        String orgName,
        UUID chainId,
        String chainName,
        UUID nodeId,
        String nodeName,
        Instant conditionSince,
        Instant startedAt,
        Instant at,
        String summary,
        Snapshot snapshot,
        int level) {

    public static final String FIRING = "FIRING";
    public static final String RESOLVED = "RESOLVED";
    public static final String REPEAT = "REPEAT";
    public static final String ESCALATION = "ESCALATION";

    public static AlertEvent of(Transition t, Instant startedAt) {
        Snapshot s = t.snapshot();
        return new AlertEvent(t.fingerprint(), t.to().name(), t.rule().id(), t.rule().type(), t.rule().severity(),
                t.rule().forSeconds(), t.rule().orgId(), s == null ? null : s.orgName(),
                t.chainId(), s == null ? null : s.chainName(), t.nodeId(), t.nodeName(),
                t.conditionSince(), startedAt, t.at(), t.summary(), s, 0);
    }

    /** The same alert announced again as {@code newKind} at {@code now} for receivers of {@code newLevel}. */
    public AlertEvent again(String newKind, Instant now, int newLevel) {
        return new AlertEvent(fingerprint, newKind, ruleId, ruleType, severity, forSeconds, orgId, orgName, chainId,
                chainName, nodeId, nodeName, startedAt, startedAt, now, summary, snapshot, newLevel);
    }

    /** Whether this announces a firing alert (first time, again, or escalated). */
    public boolean firingKind() {
        return !RESOLVED.equals(kind);
    }

    /** Group of this event: one message per (organization, chain, rule, kind, level) per group window. */
    public String groupKey() {
        return orgId + "|" + chainId + "|" + ruleId + "|" + kind + "|" + level;
    }

    /** Labels silences match on. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org", orgName == null ? "" : orgName);
        labels.put("org_id", orgId.toString());
        labels.put("chain", chainName == null ? "" : chainName);
        labels.put("chain_id", chainId.toString());
        labels.put("node", nodeName == null ? "" : nodeName);
        labels.put("node_id", nodeId == null ? "" : nodeId.toString());
        labels.put("rule", ruleType);
        labels.put("rule_id", ruleId.toString());
        labels.put("severity", severity);
        return labels;
    }
}
