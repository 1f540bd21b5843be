package io.chainwatch.registry.task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.Scheduler;

import io.chainwatch.registry.support.RegistryTestBase;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The task engine on real PostgreSQL: two engine instances share the work and run every step exactly once; a
 * task whose instance died mid-step is resumed by another from the unfinished step; a failing step rolls the
 * registry's data back.
 */
class TaskEngineIT extends RegistryTestBase {

    @Autowired
    private TaskEngine engine;

    @Autowired
    private TaskRepository tasks;

    @Autowired
    private TransactionTemplate transaction;

    @BeforeEach
    void effectTable() {
        TestTaskDefinitions.createEffectTable(jdbc);
    }

    /** stage 0: a; stage 1: b, b, b (parallel); stage 2: c. */
    private static List<StepPlan> plan() {
        return List.of(new StepPlan(0, "a", null), new StepPlan(1, "b", "1"), new StepPlan(1, "b", "2"),
                new StepPlan(1, "b", "3"), new StepPlan(2, "c", null));
    }

    private UUID submit(String type, JsonNode input, List<StepPlan> plan) {
        return transaction.execute(status -> engine.submit(type, null, null, input, plan).id());
    }

    @Test
    void twoInstancesRunEveryStepOnceAndInStageOrder() {
        Scheduler second = engine.newScheduler("second-instance");
        second.start();
        try {
            // 12 tasks of ~0.5 s at once: more than one instance's 4 threads take in time, so both must work
            List<UUID> ids = transaction.execute(status -> {
                List<UUID> submitted = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    submitted.add(engine.submit(TestTaskDefinitions.COUNTING, null, null,
                            json.createObjectNode().put("sleepMs", 100), plan()).id());
                }
                return submitted;
            });
            Set<String> instances = new HashSet<>();
            for (UUID id : ids) {
                JsonNode task = awaitTask(id.toString());
                assertThat(task.path("status").asString()).as(task.toString()).isEqualTo("SUCCEEDED");
                assertThat(task.path("percent").asInt()).isEqualTo(100);
                task.path("log").valueStream().map(line -> line.path("message").asString())
                        .filter(m -> m.startsWith("run by instance ")).forEach(m -> instances.add(m.substring(16)));
                List<Map<String, Object>> effects = jdbc.sql(
                        "select seq, name, thread from registry.test_step_effect where task_id = :id order by id")
                        .param("id", id).query().listOfRows();
                assertThat(effects).as("each step once").extracting(row -> row.get("seq"))
                        .containsExactlyInAnyOrder(0, 1, 2, 3, 4);
                assertThat(effects.get(0).get("name")).isEqualTo("a");
                assertThat(effects.get(4).get("name")).as("stage 2 after all of stage 1").isEqualTo("c");
                assertThat(tasks.steps(id)).allSatisfy(step -> {
                    assertThat(step.status()).isEqualTo(StepStatus.DONE);
                    assertThat(step.attempts()).isEqualTo(1);
                });
            }
            assertThat(instances).as("both instances ran tasks").contains("second-instance").hasSize(2);
        } finally {
            second.stop();
        }
    }

    @Test
    void aTaskOfACrashedInstanceIsResumedFromTheUnfinishedStep() {
        // the state a crash leaves: step 0 done (its effect committed with it), step 1 started but not committed,
        // the execution picked by an instance that no longer sends heartbeats
        UUID id = transaction.execute(status -> {
            UUID taskId = engine.submit(TestTaskDefinitions.COUNTING, null, null, json.createObjectNode(),
                    List.of(new StepPlan(0, "a", null), new StepPlan(1, "b", null), new StepPlan(2, "c", null))).id();
            jdbc.sql("""
                    update registry.scheduled_tasks set picked = true, picked_by = 'crashed-instance',
                        last_heartbeat = now() - interval '1 minute', execution_time = now() - interval '1 minute'
                    where task_name = :name and task_instance = :id""")
                    .param("name", TaskEngine.EXECUTION_TASK).param("id", taskId.toString()).update();
            Task task = tasks.findById(taskId).orElseThrow();
            List<Step> steps = tasks.steps(taskId);
            TestTaskDefinitions.effect(jdbc, task, steps.get(0));
            tasks.setStep(taskId, 0, StepStatus.RUNNING);
            tasks.setStep(taskId, 0, StepStatus.DONE);
            tasks.setStep(taskId, 1, StepStatus.RUNNING);
            tasks.setStatus(taskId, TaskStatus.RUNNING, "b", null);
            return taskId;
        });

        JsonNode task = awaitTask(id.toString());

        assertThat(task.path("status").asString()).as(task.toString()).isEqualTo("SUCCEEDED");
        List<Step> steps = tasks.steps(id);
        assertThat(steps).extracting(Step::attempts).as("a not re-run; b run a second time").containsExactly(1, 2, 1);
        assertThat(jdbc.sql("select name from registry.test_step_effect where task_id = :id order by id").param("id", id)
                .query(String.class).list()).as("every effect exactly once").containsExactly("a", "b", "c");
        assertThat(task.path("log").valueStream().map(l -> l.path("message").asString()))
                .anyMatch(m -> m.startsWith("resumed by instance "))
                .anyMatch(m -> m.equals("b: started again (resumed)"));
    }

    @Test
    void aFailingStepRollsBackWhatTheEarlierStepsWrote() {
        UUID orgId = UUID.randomUUID();
        long organizations = count("organization");
        UUID id = submit(TestTaskDefinitions.FAILING, json.createObjectNode().put("orgId", orgId.toString())
                .put("orgName", unique("task-org")), List.of(new StepPlan(0, "create", null),
                new StepPlan(1, "record", null), new StepPlan(2, "boom", null)));

        JsonNode task = awaitTask(id.toString());

        assertThat(task.path("status").asString()).isEqualTo("FAILED");
        assertThat(task.path("error").asString()).contains("boom failed", "the platform refused");
        assertThat(task.path("currentStep").asString()).isEqualTo("boom");
        assertThat(task.path("percent").asInt()).isZero();
        assertThat(tasks.steps(id)).extracting(Step::status)
                .containsExactly(StepStatus.COMPENSATED, StepStatus.COMPENSATED, StepStatus.FAILED);
        assertThat(get("/api/v1/organizations/" + orgId).status()).as("organization rolled back").isEqualTo(404);
        assertThat(count("organization")).isEqualTo(organizations);
        assertThat(jdbc.sql("select count(*) from registry.test_step_effect where task_id = :id").param("id", id)
                .query(Long.class).single()).as("the failing step's own writes and the compensated ones").isZero();
        assertThat(task.path("log").valueStream().map(l -> l.path("message").asString()))
                .contains("create: rolled back", "record: rolled back")
                .anyMatch(m -> m.startsWith("failed and rolled back"));
        assertThat(get("/api/v1/tasks?status=FAILED&type=" + TestTaskDefinitions.FAILING).body()).contains(id.toString());
    }

    @Test
    void progressIsQueryable() {
        UUID id = submit(TestTaskDefinitions.COUNTING, json.createObjectNode().put("sleepMs", 300), plan());
        JsonNode running = await().atMost(java.time.Duration.ofSeconds(10)).pollInterval(java.time.Duration.ofMillis(30))
                .until(() -> get("/api/v1/tasks/" + id).json(),
                        task -> task.path("status").asString().equals("RUNNING") && task.path("percent").asInt() > 0);
        assertThat(running.path("status").asString()).as(running.toString()).isEqualTo("RUNNING");
        assertThat(running.path("percent").asInt()).isBetween(20, 80);
        assertThat(running.path("currentStep").asString()).isIn("b", "c");
        assertThat(running.path("steps")).hasSize(5);
        assertThat(awaitTask(id.toString()).path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(get("/api/v1/tasks/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

}
