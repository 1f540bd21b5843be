package io.chainwatch.registry.task;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.chainwatch.registry.sql.Where;
import io.chainwatch.registry.web.Page;
import io.chainwatch.registry.web.PageRequest;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** Tables {@code registry.task}, {@code task_step}, {@code task_log} and {@code task_approval}. */
@Repository
class TaskRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TaskRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void insert(Task task, List<StepPlan> steps) {
        jdbc.sql("""
                        insert into registry.task (id, type, org_id, actor, resource_id, status, input, created_at, updated_at)
                        values (:id, :type, :orgId, :actor, :resourceId, :status, cast(:input as jsonb), :at, :at)""")
                .param("id", task.id())
                .param("type", task.type())
                .param("orgId", task.orgId())
                .param("actor", task.actor())
                .param("resourceId", task.resourceId())
                .param("status", task.status().name())
                .param("input", json.writeValueAsString(task.input()))
                .param("at", utc(task.createdAt()))
                .update();
        int seq = 0;
        for (StepPlan step : steps) {
            jdbc.sql("""
                            insert into registry.task_step (task_id, seq, stage, name, param, status)
                            values (:taskId, :seq, :stage, :name, :param, 'PENDING')""")
                    .param("taskId", task.id())
                    .param("seq", seq++)
                    .param("stage", step.stage())
                    .param("name", step.name())
                    .param("param", step.param())
                    .update();
        }
    }

    Optional<Task> findById(UUID id) {
        return jdbc.sql("select * from registry.task where id = :id").param("id", id).query(this::map).optional();
    }

    Optional<Task> lockById(UUID id) {
        return jdbc.sql("select * from registry.task where id = :id for update").param("id", id).query(this::map)
                .optional();
    }

    List<Step> steps(UUID taskId) {
        return jdbc.sql("select * from registry.task_step where task_id = :id order by seq")
                .param("id", taskId)
                .query((rs, row) -> new Step(rs.getInt("seq"), rs.getInt("stage"), rs.getString("name"),
                        rs.getString("param"), StepStatus.valueOf(rs.getString("status")), rs.getInt("attempts")))
                .list();
    }

    void setStatus(UUID id, TaskStatus status, String currentStep, String error) {
        jdbc.sql("""
                        update registry.task set status = :status, current_step = :currentStep,
                            error = coalesce(:error, error), updated_at = now(),
                            finished_at = case when :status in ('SUCCEEDED', 'FAILED') then now() else finished_at end
                        where id = :id""")
                .param("id", id)
                .param("status", status.name())
                .param("currentStep", currentStep)
                .param("error", error)
                .update();
    }

    void setStep(UUID taskId, int seq, StepStatus status) {
        jdbc.sql("""
                        update registry.task_step set status = :status,
                            attempts = attempts + case when :status = 'RUNNING' then 1 else 0 end,
                            started_at = case when :status = 'RUNNING' then now() else started_at end,
                            finished_at = case when :status in ('DONE', 'FAILED', 'COMPENSATED') then now() else finished_at end
                        where task_id = :taskId and seq = :seq""")
                .param("taskId", taskId)
                .param("seq", seq)
                .param("status", status.name())
                .update();
    }

    void log(UUID taskId, String level, String message) {
        jdbc.sql("insert into registry.task_log (task_id, at, level, message) values (:taskId, now(), :level, :message)")
                .param("taskId", taskId)
                .param("level", level)
                .param("message", message)
                .update();
    }

    List<TaskView.LogLine> logLines(UUID taskId) {
        return jdbc.sql("select at, level, message from registry.task_log where task_id = :id order by id")
                .param("id", taskId)
                .query((rs, row) -> new TaskView.LogLine(rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("level"), rs.getString("message")))
                .list();
    }

    /** Inserts a decision; {@code false} when the organization already decided on this task. */
    boolean insertApproval(UUID taskId, UUID orgId, String decision, String actor) {
        return jdbc.sql("""
                        insert into registry.task_approval (task_id, org_id, decision, actor, decided_at)
                        values (:taskId, :orgId, :decision, :actor, now()) on conflict do nothing""")
                .param("taskId", taskId)
                .param("orgId", orgId)
                .param("decision", decision)
                .param("actor", actor)
                .update() == 1;
    }

    /** Decisions on a task: organization → {@code APPROVE} or {@code REJECT}. */
    Map<UUID, String> approvals(UUID taskId) {
        return jdbc.sql("select org_id, decision from registry.task_approval where task_id = :id")
                .param("id", taskId)
                .query((rs, row) -> Map.entry(rs.getObject("org_id", UUID.class), rs.getString("decision")))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Unfinished tasks that have no db-scheduler execution (lost wake-up, waiting tasks to re-check). */
    List<UUID> openWithoutExecution(String taskName) {
        return jdbc.sql("""
                        select t.id from registry.task t
                        where t.status in ('PENDING', 'RUNNING', 'WAITING')
                          and not exists (select 1 from registry.scheduled_tasks s
                                          where s.task_name = :taskName and s.task_instance = t.id::text)
                        order by t.created_at limit 500""")
                .param("taskName", taskName)
                .query((rs, row) -> rs.getObject("id", UUID.class))
                .list();
    }

    /**
     * Filters of {@link #find}; {@code null} = any. {@code orgId}: the tasks the organization submitted or whose
     * approval they wait for.
     */
    record Query(UUID orgId, String type, TaskStatus status, UUID resourceId) {
    }

    Page<Task> find(Query query, PageRequest page) {
        Where where = new Where()
                .and("(org_id = :orgId or input -> 'approvers' @> jsonb_build_array(cast(:orgId as text)))", "orgId",
                        query.orgId())
                .and("type = :type", "type", query.type())
                .and("status = :status", "status", query.status())
                .and("resource_id = :resourceId", "resourceId", query.resourceId());
        return where.page(jdbc, "*", "from registry.task", "created_at desc, id", page, this::map);
    }

    private Task map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new Task(
                rs.getObject("id", UUID.class),
                rs.getString("type"),
                rs.getObject("org_id", UUID.class),
                rs.getString("actor"),
                rs.getObject("resource_id", UUID.class),
                TaskStatus.valueOf(rs.getString("status")),
                json.readTree(rs.getString("input")),
                rs.getString("current_step"),
                rs.getString("error"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
