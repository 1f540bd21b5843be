package io.chainwatch.alert.lifecycle;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.events.AuditEntry;
import io.chainwatch.security.Caller;
import io.chainwatch.security.audit.KafkaAuditPublisher;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the audit entry of an alert transition into {@code alert.audit_outbox}, in the transition's transaction.
 * Action {@code alert.firing}, {@code alert.resolved} or {@code alert.acknowledged}; resource {@code alert} with the
 * fingerprint as id; actor {@value #ENGINE} for the engine's transitions, the authenticated caller for an
 * acknowledgement.
 */
@Component
public class TransitionAudit {

    /** The actor of transitions the engine makes. */
    public static final String ENGINE = "system:alert-engine";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TransitionAudit(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The engine fired or resolved an alert. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void transition(Transition t) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ruleId", String.valueOf(t.rule().id()));
        details.put("ruleType", t.rule().type());
        details.put("severity", String.valueOf(t.rule().severity()));
        details.put("chainId", String.valueOf(t.chainId()));
        if (t.nodeId() != null) {
            details.put("nodeId", t.nodeId().toString());
        }
        if (t.startedAt() != null) {
            details.put("startedAt", t.startedAt().toString());
        }
        if (t.summary() != null) {
            details.put("summary", t.summary());
        }
        append(new AuditEntry(UUID.randomUUID().toString(), "alert", orgId(t.rule().orgId()), ENGINE, null,
                "alert." + t.to().name().toLowerCase(java.util.Locale.ROOT), "alert", t.fingerprint(), "success",
                t.at().toEpochMilli(), details));
    }

    /** A person acknowledged a firing alert. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void acknowledged(AlertView alert) {
        Caller caller = Caller.currentIfAny().orElse(null);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ruleId", String.valueOf(alert.ruleId()));
        details.put("chainId", String.valueOf(alert.chainId()));
        if (alert.nodeId() != null) {
            details.put("nodeId", alert.nodeId().toString());
        }
        long at = alert.acknowledgedAt() == null ? System.currentTimeMillis() : alert.acknowledgedAt().toEpochMilli();
        append(new AuditEntry(UUID.randomUUID().toString(), "alert", orgId(alert.orgId()),
                caller == null ? ENGINE : caller.subject(),
                caller == null || caller.orgId() == null ? null : caller.orgId().toString(), "alert.acknowledged",
                "alert", alert.fingerprint(), "success", at, details));
    }

    private void append(AuditEntry entry) {
        jdbc.sql("insert into alert.audit_outbox (message_key, payload) values (:key, :payload)")
                .param("key", KafkaAuditPublisher.key(entry))
                .param("payload", json.writeValueAsString(entry))
                .update();
    }

    private static String orgId(UUID orgId) {
        return orgId == null ? null : orgId.toString();
    }
}
