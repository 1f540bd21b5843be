package io.chainwatch.alert.receiver;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Table {@code alert.receiver}. */
@Repository
public class ReceiverRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ReceiverRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(Receiver r) {
        jdbc.sql("""
                insert into alert.receiver (id, org_id, name, channel, address, locale, secret, severities, rule_types,
                                            escalation_level, enabled)
                values (:id, :orgId, :name, :channel, :address, :locale, :secret, cast(:severities as jsonb),
                        cast(:ruleTypes as jsonb), :level, :enabled)""")
                .param("id", r.id()).param("orgId", r.orgId()).param("name", r.name()).param("channel", r.channel())
                .param("address", r.address()).param("locale", r.locale()).param("secret", r.secret())
                .param("severities", json.writeValueAsString(r.severities()))
                .param("ruleTypes", json.writeValueAsString(r.ruleTypes()))
                .param("level", r.escalationLevel()).param("enabled", r.enabled())
                .update();
    }

    public Optional<Receiver> find(UUID id) {
        return jdbc.sql("select * from alert.receiver where id = :id").param("id", id).query(this::map).optional();
    }

    public List<Receiver> list(UUID orgId) {
        return jdbc.sql("select * from alert.receiver where (cast(:orgId as uuid) is null or org_id = cast(:orgId as uuid))"
                        + " order by created_at, id")
                .param("orgId", orgId).query(this::map).list();
    }

    public boolean delete(UUID id) {
        return jdbc.sql("delete from alert.receiver where id = :id").param("id", id).update() > 0;
    }

    private Receiver map(ResultSet rs, int row) throws SQLException {
        return new Receiver(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("name"),
                rs.getString("channel"), rs.getString("address"), rs.getString("locale"), rs.getString("secret"),
                json.readValue(rs.getString("severities"), STRINGS), json.readValue(rs.getString("rule_types"), STRINGS),
                rs.getInt("escalation_level"), rs.getBoolean("enabled"));
    }
}
