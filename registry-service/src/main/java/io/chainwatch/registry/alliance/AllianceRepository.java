package io.chainwatch.registry.alliance;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.registry.sql.Where;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tables {@code registry.alliance} and {@code registry.alliance_member}. */
@Repository
public class AllianceRepository {

    private final JdbcClient jdbc;

    AllianceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A taken name or unionId raises {@link org.springframework.dao.DuplicateKeyException}. */
    void insert(Alliance alliance) {
        jdbc.sql("""
                        insert into registry.alliance (id, union_id, name, platform, creator_org_id, status, created_at, version)
                        values (:id, :unionId, :name, :platform, :creator, :status, :createdAt, 1)""")
                .param("id", alliance.id())
                .param("unionId", alliance.unionId())
                .param("name", alliance.name())
                .param("platform", alliance.platform())
                .param("creator", alliance.creatorOrgId())
                .param("status", alliance.status())
                .param("createdAt", OffsetDateTime.ofInstant(alliance.createdAt(), ZoneOffset.UTC))
                .update();
    }

    public Optional<Alliance> findById(UUID id) {
        return jdbc.sql("select * from registry.alliance where id = :id").param("id", id)
                .query(AllianceRepository::map).optional();
    }

    /** The alliance, row-locked until the end of the transaction (membership changes serialize on it). */
    public Optional<Alliance> lockById(UUID id) {
        return jdbc.sql("select * from registry.alliance where id = :id for update").param("id", id)
                .query(AllianceRepository::map).optional();
    }

    boolean existsByNameOrUnionId(String name, String unionId) {
        return jdbc.sql("select count(*) from registry.alliance where name = :name or union_id = :unionId")
                .param("name", name).param("unionId", unionId).query(Long.class).single() > 0;
    }

    void setStatus(UUID id, String status) {
        jdbc.sql("update registry.alliance set status = :status, updated_at = now(), version = version + 1 where id = :id")
                .param("id", id).param("status", status).update();
    }

    /** Bumps the version (membership changed). */
    void touch(UUID id) {
        jdbc.sql("update registry.alliance set updated_at = now(), version = version + 1 where id = :id")
                .param("id", id).update();
    }

    void delete(UUID id) {
        jdbc.sql("delete from registry.alliance_member where alliance_id = :id").param("id", id).update();
        jdbc.sql("delete from registry.alliance where id = :id").param("id", id).update();
    }

    public List<Member> members(UUID allianceId) {
        return jdbc.sql("select * from registry.alliance_member where alliance_id = :id order by since, org_id")
                .param("id", allianceId)
                .query((rs, row) -> new Member(rs.getObject("org_id", UUID.class), rs.getString("role"),
                        rs.getString("status"), rs.getObject("since", OffsetDateTime.class).toInstant()))
                .list();
    }

    public Optional<Member> member(UUID allianceId, UUID orgId) {
        return members(allianceId).stream().filter(m -> m.orgId().equals(orgId)).findFirst();
    }

    /** Inserts or replaces a membership. */
    void putMember(UUID allianceId, Member member) {
        jdbc.sql("""
                        insert into registry.alliance_member (alliance_id, org_id, role, status, since)
                        values (:allianceId, :orgId, :role, :status, :since)
                        on conflict (alliance_id, org_id) do update set role = :role, status = :status, since = :since""")
                .param("allianceId", allianceId)
                .param("orgId", member.orgId())
                .param("role", member.role())
                .param("status", member.status())
                .param("since", OffsetDateTime.ofInstant(member.since(), ZoneOffset.UTC))
                .update();
    }

    void deleteMember(UUID allianceId, UUID orgId) {
        jdbc.sql("delete from registry.alliance_member where alliance_id = :allianceId and org_id = :orgId")
                .param("allianceId", allianceId).param("orgId", orgId).update();
    }

    long businessChains(UUID allianceId) {
        return jdbc.sql("select count(*) from registry.business_chain where alliance_id = :id").param("id", allianceId)
                .query(Long.class).single();
    }

    /** Filters of {@link #find}; {@code null} = any. {@code orgId}: alliances the organization is a member of. */
    record Query(UUID orgId, String status, String platform, String name) {
    }

    Page<Alliance> find(Query query, PageRequest page) {
        Where where = new Where()
                .and("exists (select 1 from registry.alliance_member m where m.alliance_id = a.id and m.org_id = :orgId)",
                        "orgId", query.orgId())
                .and("a.status = :status", "status", query.status())
                .and("a.platform = :platform", "platform", query.platform())
                .and("a.name = :name", "name", query.name());
        if (query.status() == null) {
            where.and("a.status <> 'DELETED'");
        }
        return where.page(jdbc, "a.*", "from registry.alliance a", "a.created_at, a.id", page, AllianceRepository::map);
    }

    static Alliance map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
        return new Alliance(rs.getObject("id", UUID.class), rs.getString("union_id"), rs.getString("name"),
                rs.getString("platform"), rs.getObject("creator_org_id", UUID.class), rs.getString("status"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                updated == null ? null : updated.toInstant(), rs.getLong("version"));
    }

    static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
