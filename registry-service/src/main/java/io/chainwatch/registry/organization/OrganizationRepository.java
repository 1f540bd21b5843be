package io.chainwatch.registry.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.registry.sql.Where;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code registry.organization}. */
@Repository
public class OrganizationRepository {

    private static final String COLUMNS = "o.*, (select rs.kind from registry.resource_space rs where rs.org_id = o.id) as space_kind";

    private final JdbcClient jdbc;

    OrganizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the organization; a taken name raises {@link org.springframework.dao.DuplicateKeyException}. */
    public void insert(Organization organization) {
        jdbc.sql("""
                        insert into registry.organization (id, name, contact_email, category, org_code, created_at, version)
                        values (:id, :name, :contactEmail, :category, :orgCode, :createdAt, :version)""")
                .param("id", organization.id())
                .param("name", organization.name())
                .param("contactEmail", organization.contactEmail())
                .param("category", organization.category().name())
                .param("orgCode", organization.orgCode())
                .param("createdAt", OffsetDateTime.ofInstant(organization.createdAt(), ZoneOffset.UTC))
                .param("version", organization.version())
                .update();
    }

    /**
     * Writes the organization's fields if its version is still {@code expectedVersion}, and bumps the version.
     * Returns {@code false} when another change came first.
     */
    public boolean update(Organization organization, long expectedVersion) {
        return jdbc.sql("""
                        update registry.organization
                        set name = :name, contact_email = :contactEmail, category = :category, org_code = :orgCode,
                            updated_at = :updatedAt, version = version + 1
                        where id = :id and version = :expected""")
                .param("id", organization.id())
                .param("name", organization.name())
                .param("contactEmail", organization.contactEmail())
                .param("category", organization.category().name())
                .param("orgCode", organization.orgCode())
                .param("updatedAt", OffsetDateTime.ofInstant(organization.updatedAt(), ZoneOffset.UTC))
                .param("expected", expectedVersion)
                .update() == 1;
    }

    /** Bumps the version (a sub-resource such as the resource space changed) if it is still {@code expected}. */
    public boolean touch(UUID id, long expectedVersion, Instant at) {
        return jdbc.sql("""
                        update registry.organization set updated_at = :at, version = version + 1
                        where id = :id and version = :expected""")
                .param("id", id)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("expected", expectedVersion)
                .update() == 1;
    }

    /** Deactivates the organization at {@code at} ({@code null}: reactivates it) and bumps its version. */
    public void setDeactivated(UUID id, Instant at, Instant updatedAt) {
        jdbc.sql("""
                        update registry.organization
                        set deactivated_at = :at, updated_at = :updatedAt, version = version + 1
                        where id = :id""")
                .param("id", id)
                .param("at", at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .param("updatedAt", OffsetDateTime.ofInstant(updatedAt, ZoneOffset.UTC))
                .update();
    }

    /**
     * Turns the organization into a tombstone: {@code name} (anonymized), no contact e-mail, no code, deleted at
     * {@code at}; it stays deactivated. Bumps its version.
     */
    public void markDeleted(UUID id, String name, Instant at) {
        jdbc.sql("""
                        update registry.organization
                        set name = :name, contact_email = null, org_code = null, deleted_at = :at, updated_at = :at,
                            version = version + 1
                        where id = :id""")
                .param("id", id)
                .param("name", name)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
    }

    /** Whether an organization other than {@code id} has the name. */
    public boolean nameTakenByOther(String name, UUID id) {
        return jdbc.sql("select count(*) from registry.organization where name = :name and id <> :id")
                .param("name", name).param("id", id).query(Long.class).single() > 0;
    }

    /** Whether the organization exists and is deactivated (one indexed read, for every request of its callers). */
    public boolean isDeactivated(UUID id) {
        return jdbc.sql("select deactivated_at is not null from registry.organization where id = :id")
                .param("id", id)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    public Optional<Organization> findById(UUID id) {
        return jdbc.sql("select * from registry.organization where id = :id")
                .param("id", id)
                .query(OrganizationRepository::map)
                .optional();
    }

    /** The organization, row-locked until the end of the transaction. */
    public Optional<Organization> lockById(UUID id) {
        return jdbc.sql("select * from registry.organization where id = :id for update")
                .param("id", id)
                .query(OrganizationRepository::map)
                .optional();
    }

    public List<Organization> findAllById(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from registry.organization where id in (:ids) order by created_at, id")
                .param("ids", ids)
                .query(OrganizationRepository::map)
                .list();
    }

    /** An organization and the kind of its resource space ({@code null} when it has none). */
    public record Listed(Organization organization, ResourceSpaceKind spaceKind) {
    }

    /** Filters of {@link #find}; {@code null} = any. {@code name} matches case-insensitively as a substring. */
    public record Query(String name, UserCategory category, String orgCode, UUID id) {

        public Query(String name, UserCategory category, String orgCode) {
            this(name, category, orgCode, null);
        }
    }

    public Page<Listed> find(Query query, PageRequest page) {
        Where where = new Where()
                .and("o.name ilike '%' || :name || '%'", "name", query.name() == null ? null
                        : query.name().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"))
                .and("o.category = :category", "category", query.category())
                .and("o.org_code = :orgCode", "orgCode", query.orgCode())
                .and("o.id = :id", "id", query.id())
                .and("o.deleted_at is null");
        return where.page(jdbc, COLUMNS, "from registry.organization o", "o.created_at, o.id", page, (rs, row) ->
                new Listed(map(rs, row), rs.getString("space_kind") == null ? null
                        : ResourceSpaceKind.valueOf(rs.getString("space_kind"))));
    }

    static Organization map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
        OffsetDateTime deactivated = rs.getObject("deactivated_at", OffsetDateTime.class);
        OffsetDateTime deleted = rs.getObject("deleted_at", OffsetDateTime.class);
        return new Organization(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("contact_email"),
                UserCategory.valueOf(rs.getString("category")),
                rs.getString("org_code"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                updated == null ? null : updated.toInstant(),
                rs.getLong("version"),
                deactivated == null ? null : deactivated.toInstant(),
                deleted == null ? null : deleted.toInstant());
    }
}
