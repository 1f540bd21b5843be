package io.chainwatch.alert.orgdeletion;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.alert.organization.OrganizationDeleted;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.ruleset.RuleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes a deleted organization's data, in the transaction that recorded the deletion (by then it is deactivated
 * and its waiting messages are given up, see {@code DeactivatedOrganizationOutbox}): its rules through the
 * {@link RuleStore} (their open alerts are closed without notification and their pending conditions forgotten, as
 * for any deleted rule, and the evaluator stops judging them), then its receivers (with their encrypted addresses
 * and secrets), silences, alerts, alert history, alert events and notification groups, outbox messages (sent, given
 * up or waiting) and quota overrides. Its organization state stays (deactivated), so nothing of it is ever announced
 * again. Running it twice removes nothing more. The audit entries it sent (rule changes, alert transitions) stay in
 * the registry's tamper-evident log.
 */
@Component
class DeletedOrganizationData {

    private static final Logger log = LoggerFactory.getLogger(DeletedOrganizationData.class);

    private final RuleStore rules;
    private final JdbcClient jdbc;

    DeletedOrganizationData(RuleStore rules, JdbcClient jdbc) {
        this.rules = rules;
        this.jdbc = jdbc;
    }

    @EventListener
    void onDeleted(OrganizationDeleted event) {
        UUID org = event.orgId();
        Map<String, Integer> removed = new LinkedHashMap<>();
        int ruleCount = 0;
        for (Rule rule : rules.list(org)) {
            rules.delete(rule.id());
            ruleCount++;
        }
        removed.put("rules", ruleCount);
        removed.put("receivers", update("delete from alert.receiver where org_id = :org", org));
        removed.put("silences", update("delete from alert.silence where org_id = :org", org));
        removed.put("messages", update("""
                delete from alert.notification_outbox o
                 where o.org_id = :org
                    or exists (select 1 from alert.alert a where a.fingerprint = o.fingerprint and a.org_id = :org)""",
                org));
        removed.put("events", update("delete from alert.alert_event where group_key like :prefix", org));
        update("delete from alert.notification_group where group_key like :prefix", org);
        removed.put("pending", update("delete from alert.pending_condition where org_id = :org", org));
        removed.put("alerts", update("delete from alert.alert where org_id = :org", org));
        removed.put("history", update("delete from alert.alert_history where org_id = :org", org));
        update("delete from alert.quota_override where org_id = :org", org);
        log.info("Organization {} deleted: removed {}", org, removed);
    }

    private int update(String sql, UUID org) {
        return jdbc.sql(sql).param("org", org).param("prefix", org + "|%").update();
    }
}
