package io.chainwatch.alert.ruleset;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.rule.chainstalled.ChainStalledRule;
import io.chainwatch.alert.rule.nodeunreachable.NodeUnreachableRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Rules in table {@code alert.rule}. */
@Repository
public class RuleRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public RuleRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(Rule rule) {
        jdbc.sql("""
                insert into alert.rule (id, org_id, chain_id, type, for_seconds, severity, email_to, spec, enabled, created_at)
                values (:id, :orgId, :chainId, :type, :forSeconds, :severity, cast(:emailTo as jsonb),
                        cast(:spec as jsonb), true, now())""")
                .param("spec", json.writeValueAsString(rule))
                .param("id", rule.id())
                .param("orgId", rule.orgId())
                .param("chainId", rule.chainId())
                .param("type", rule.type())
                .param("forSeconds", rule.forSeconds())
                .param("severity", rule.severity())
                .param("emailTo", json.writeValueAsString(rule.emailTo()))
                .update();
    }

    /** Replaces a rule's definition, its enabled flag and creation time kept; false when there is no such rule. */
    public boolean update(Rule rule) {
        return jdbc.sql("""
                update alert.rule set for_seconds = :forSeconds, severity = :severity,
                       email_to = cast(:emailTo as jsonb), spec = cast(:spec as jsonb)
                 where id = :id""")
                .param("spec", json.writeValueAsString(rule))
                .param("id", rule.id())
                .param("forSeconds", rule.forSeconds())
                .param("severity", rule.severity())
                .param("emailTo", json.writeValueAsString(rule.emailTo()))
                .update() > 0;
    }

    public Optional<Rule> find(UUID id) {
        return jdbc.sql("select * from alert.rule where id = :id").param("id", id).query(this::map).optional();
    }

    /** Rules of one organization, or all rules when {@code orgId} is null, oldest first. */
    public List<Rule> list(UUID orgId) {
        if (orgId == null) {
            return jdbc.sql("select * from alert.rule order by created_at, id").query(this::map).list();
        }
        return jdbc.sql("select * from alert.rule where org_id = :orgId order by created_at, id")
                .param("orgId", orgId).query(this::map).list();
    }

    public List<Rule> listEnabled() {
        return jdbc.sql("select * from alert.rule where enabled order by created_at, id").query(this::map).list();
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from alert.rule where id = :id").param("id", id).update() > 0;
    }

    /** Enables or disables a rule; returns false when there is no such rule. */
    public boolean setEnabled(UUID id, boolean enabled) {
        return jdbc.sql("update alert.rule set enabled = :enabled where id = :id")
                .param("id", id).param("enabled", enabled).update() > 0;
    }

    /** Whether the rule is enabled; empty when there is no such rule. */
    public Optional<Boolean> enabled(UUID id) {
        return jdbc.sql("select enabled from alert.rule where id = :id").param("id", id).query(Boolean.class).optional();
    }

    public long count() {
        return jdbc.sql("select count(*) from alert.rule").query(Long.class).single();
    }

    private Rule map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        String spec = rs.getString("spec");
        if (spec != null) {
            return json.readValue(spec, Rule.class);
        }
        return legacy(rs.getString("type"), rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class),
                rs.getObject("chain_id", UUID.class), rs.getInt("for_seconds"), rs.getString("severity"),
                json.readValue(rs.getString("email_to"), STRINGS));
    }

    /** Builds the record for a stored {@code type} of the foundation's columns (rows written before V2). */
    private static Rule legacy(String type, UUID id, UUID orgId, UUID chainId, int forSeconds, String severity,
                               List<String> emailTo) {
        return switch (type) {
            case ChainStalledRule.TYPE -> new ChainStalledRule(id, orgId, chainId, forSeconds, severity, emailTo);
            case NodeUnreachableRule.TYPE -> new NodeUnreachableRule(id, orgId, chainId, forSeconds, severity, emailTo);
            default -> throw new IllegalArgumentException("unknown rule type " + type);
        };
    }
}
