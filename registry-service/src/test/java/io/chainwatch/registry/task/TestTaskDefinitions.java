package io.chainwatch.registry.task;

import java.time.Instant;
import java.util.UUID;

import io.chainwatch.registry.organization.Organization;
import io.chainwatch.registry.organization.OrganizationRepository;
import io.chainwatch.registry.organization.UserCategory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Task types for the engine's tests, registered in every test context (component scan of the test classpath)
 * so all contexts and scheduler instances know them. Every step execution leaves a row in
 * {@code registry.test_step_effect} (created by the tests), in the step's transaction.
 */
final class TestTaskDefinitions {

    static final String COUNTING = "test.counting";
    static final String FAILING = "test.failing";

    private TestTaskDefinitions() {
    }

    static void createEffectTable(JdbcClient jdbc) {
        jdbc.sql("""
                create table if not exists registry.test_step_effect (
                    id bigint generated always as identity primary key,
                    task_id uuid not null, seq int not null, name varchar(64) not null, thread varchar(100) not null)""")
                .update();
    }

    static void effect(JdbcClient jdbc, Task task, Step step) {
        jdbc.sql("insert into registry.test_step_effect (task_id, seq, name, thread) values (:t, :s, :n, :th)")
                .param("t", task.id()).param("s", step.seq()).param("n", step.name())
                .param("th", Thread.currentThread().getName()).update();
    }

    /** Every step records its effect and sleeps {@code sleepMs} from the input. */
    @Component
    static class Counting implements TaskDefinition {

        private final JdbcClient jdbc;

        Counting(JdbcClient jdbc) {
            this.jdbc = jdbc;
        }

        @Override
        public String type() {
            return COUNTING;
        }

        @Override
        public StepResult execute(Task task, Step step, TaskLog log) {
            effect(jdbc, task, step);
            try {
                Thread.sleep(task.input().path("sleepMs").asLong(0));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return StepResult.DONE;
        }

        @Override
        public void compensate(Task task, Step step, TaskLog log) {
            jdbc.sql("delete from registry.test_step_effect where task_id = :t and seq = :s")
                    .param("t", task.id()).param("s", step.seq()).update();
        }
    }

    /** "create" inserts an organization, "record" an effect, "boom" throws: the first two are rolled back. */
    @Component
    static class Failing implements TaskDefinition {

        private final JdbcClient jdbc;
        private final OrganizationRepository organizations;

        Failing(JdbcClient jdbc, OrganizationRepository organizations) {
            this.jdbc = jdbc;
            this.organizations = organizations;
        }

        @Override
        public String type() {
            return FAILING;
        }

        @Override
        public StepResult execute(Task task, Step step, TaskLog log) {
            switch (step.name()) {
                case "create" -> {
                    organizations.insert(new Organization(UUID.fromString(task.input().path("orgId").asString()),
                            task.input().path("orgName").asString(), "ops@fail.example", UserCategory.CLOUD, null,
                            Instant.now(), null, 1));
                    log.info("organization inserted");
                }
                case "record" -> effect(jdbc, task, step);
                case "boom" -> {
                    effect(jdbc, task, step);
                    throw new IllegalStateException("the platform refused");
                }
                default -> throw new IllegalStateException(step.name());
            }
            return StepResult.DONE;
        }

        @Override
        public void compensate(Task task, Step step, TaskLog log) {
            switch (step.name()) {
                case "create" -> jdbc.sql("delete from registry.organization where id = :id")
                        .param("id", UUID.fromString(task.input().path("orgId").asString())).update();
                case "record" -> jdbc.sql("delete from registry.test_step_effect where task_id = :t and seq = :s")
                        .param("t", task.id()).param("s", step.seq()).update();
                default -> throw new IllegalStateException(step.name());
            }
        }
    }
}
