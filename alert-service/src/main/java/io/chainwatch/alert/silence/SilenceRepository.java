package io.chainwatch.alert.silence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.alert.rule.LabelMatcher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Table {@code alert.silence}. */
@Repository
public class SilenceRepository {

    private static final TypeReference<List<LabelMatcher>> MATCHERS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public SilenceRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(Silence s) {
        jdbc.sql("""
                insert into alert.silence (id, org_id, kind, matchers, starts_at, ends_at, comment, created_by)
                values (:id, :orgId, :kind, cast(:matchers as jsonb), :startsAt, :endsAt, :comment, :createdBy)""")
                .param("id", s.id()).param("orgId", s.orgId()).param("kind", s.kind())
                .param("matchers", json.writeValueAsString(s.matchers()))
                .param("startsAt", Timestamp.from(s.startsAt())).param("endsAt", Timestamp.from(s.endsAt()))
                .param("comment", s.comment()).param("createdBy", s.createdBy())
                .update();
    }

    public Optional<Silence> find(UUID id) {
        return jdbc.sql("select * from alert.silence where id = :id").param("id", id).query(this::map).optional();
    }

    /** Silences of an organization (all when null) not yet ended at {@code now}, or all when {@code now} is null. */
    public List<Silence> list(UUID orgId, Instant now) {
        return jdbc.sql("""
                select * from alert.silence
                 where (cast(:orgId as uuid) is null or org_id = cast(:orgId as uuid))
                   and (cast(:now as timestamptz) is null or ends_at > cast(:now as timestamptz))
                 order by starts_at, id""")
                .param("orgId", orgId).param("now", now == null ? null : Timestamp.from(now))
                .query(this::map).list();
    }

    /** Ends a silence now (expires it); false when unknown. */
    public boolean expire(UUID id) {
        return jdbc.sql("""
                update alert.silence set ends_at = greatest(starts_at + interval '1 millisecond', now()) where id = :id""")
                .param("id", id).update() > 0;
    }

    private Silence map(ResultSet rs, int row) throws SQLException {
        return new Silence(rs.getObject("id", UUID.class), rs.getObject("org_id", UUID.class), rs.getString("kind"),
                json.readValue(rs.getString("matchers"), MATCHERS), rs.getTimestamp("starts_at").toInstant(),
                rs.getTimestamp("ends_at").toInstant(), rs.getString("comment"), rs.getString("created_by"));
    }
}
