package io.chainwatch.registry.reconciliation;

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

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Table {@code registry.reconciliation_run}; {@code differences} holds {@code {"chains": n, "items": [...]}}. */
@Repository
class ReconciliationRepository {

    private static final TypeReference<List<Difference>> DIFFERENCES = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ReconciliationRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Serializes reconciliations of one platform (schedule and request) until the caller's transaction ends. */
    void lock(UUID platformId) {
        jdbc.sql("select pg_advisory_xact_lock(:key)")
                .param("key", platformId.getMostSignificantBits() ^ platformId.getLeastSignificantBits())
                .query((rs, row) -> 1).list();
    }

    void insert(ReconciliationRun run) {
        jdbc.sql("""
                        insert into registry.reconciliation_run (id, platform_id, org_id, trigger, status, error,
                            differences, started_at, finished_at)
                        values (:id, :platform, :org, :trigger, :status, :error, cast(:differences as jsonb), :started,
                            :finished)""")
                .param("id", run.id())
                .param("platform", run.platformId())
                .param("org", run.orgId())
                .param("trigger", run.trigger())
                .param("status", run.status())
                .param("error", run.error())
                .param("differences", json.writeValueAsString(json.createObjectNode().put("chains", run.chains())
                        .set("items", json.valueToTree(run.differences()))))
                .param("started", OffsetDateTime.ofInstant(run.startedAt(), ZoneOffset.UTC))
                .param("finished", OffsetDateTime.ofInstant(run.finishedAt(), ZoneOffset.UTC))
                .update();
    }

    Page<ReconciliationRun> find(UUID platformId, PageRequest page) {
        return new Where().and("platform_id = :platform", "platform", platformId)
                .page(jdbc, "*", "from registry.reconciliation_run", "started_at desc, id", page, this::map);
    }

    Optional<ReconciliationRun> latest(UUID platformId) {
        return jdbc.sql("select * from registry.reconciliation_run where platform_id = :platform"
                        + " order by started_at desc limit 1")
                .param("platform", platformId).query(this::map).optional();
    }

    private ReconciliationRun map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        tools.jackson.databind.JsonNode stored = json.readTree(rs.getString("differences"));
        return new ReconciliationRun(rs.getObject("id", UUID.class), rs.getObject("platform_id", UUID.class),
                rs.getObject("org_id", UUID.class), rs.getString("trigger"), rs.getString("status"),
                rs.getString("error"), stored.path("chains").asInt(),
                json.readValue(stored.path("items").toString(), DIFFERENCES),
                rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                rs.getObject("finished_at", OffsetDateTime.class).toInstant());
    }
}
