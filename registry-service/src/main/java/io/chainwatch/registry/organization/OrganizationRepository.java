package io.chainwatch.registry.organization;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table {@code registry.organization}. */
@Repository
public class OrganizationRepository {

    private final JdbcClient jdbc;

    OrganizationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the organization; a taken name raises {@link org.springframework.dao.DuplicateKeyException}. */
    public void insert(Organization organization) {
        jdbc.sql("""
                        insert into registry.organization (id, name, contact_email, created_at, version)
                        values (:id, :name, :contactEmail, :createdAt, :version)""")
                .param("id", organization.id())
                .param("name", organization.name())
                .param("contactEmail", organization.contactEmail())
                .param("createdAt", OffsetDateTime.ofInstant(organization.createdAt(), ZoneOffset.UTC))
                .param("version", organization.version())
                .update();
    }

    public Optional<Organization> findById(UUID id) {
        return jdbc.sql("select * from registry.organization where id = :id")
                .param("id", id)
                .query(OrganizationRepository::map)
                .optional();
    }

    public List<Organization> findAll() {
        return jdbc.sql("select * from registry.organization order by created_at, id")
                .query(OrganizationRepository::map)
                .list();
    }

    private static Organization map(ResultSet rs, int row) throws SQLException {
        return new Organization(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("contact_email"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getLong("version"));
    }
}
