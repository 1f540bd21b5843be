package io.chainwatch.registry.platform;

import java.util.List;

import io.chainwatch.registry.audit.AuditLog;
import io.chainwatch.registry.task.Step;
import io.chainwatch.registry.task.StepPlan;
import io.chainwatch.registry.task.StepFailedException;
import io.chainwatch.registry.task.StepResult;
import io.chainwatch.registry.task.Task;
import io.chainwatch.registry.task.TaskDefinition;
import io.chainwatch.registry.task.TaskLog;
import io.chainwatch.registry.web.PlatformCallException;

import org.springframework.stereotype.Component;

/**
 * Registration of a platform as a task: validate (the template against the OpenAPI document) → probe (the health
 * call) → execute (ACTIVE). A failure leaves the platform REJECTED with the reason.
 */
@Component
class PlatformRegistration implements TaskDefinition {

    static final String TYPE = "platform.register";

    private final PlatformRepository platforms;
    private final PlatformViews service;
    private final TemplateAdapter adapter;
    private final AuditLog audit;

    PlatformRegistration(PlatformRepository platforms, PlatformViews service, TemplateAdapter adapter,
            AuditLog audit) {
        this.platforms = platforms;
        this.service = service;
        this.adapter = adapter;
        this.audit = audit;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(Task task, Step step, TaskLog log) {
        Platform platform = platforms.findById(task.resourceId())
                .orElseThrow(() -> new StepFailedException("platform " + task.resourceId() + " no longer exists"));
        switch (step.name()) {
            case "validate" -> {
                TemplateValidator.Parsed parsed = TemplateValidator.parse(platform.openApi());
                List<String> problems = parsed.openApi() == null ? parsed.problems()
                        : TemplateValidator.validate(parsed.openApi(), platform.template());
                if (!problems.isEmpty()) {
                    throw new StepFailedException("the template does not fit the platform's API: "
                            + String.join("; ", problems));
                }
                log.info(platform.template().operations().size() + " standard operations mapped onto the OpenAPI document");
            }
            case "probe" -> {
                try {
                    adapter.probe(service.target(platform), platform.template().health());
                } catch (PlatformCallException e) {
                    throw new StepFailedException("the platform does not answer its health call: " + e.getMessage());
                }
                log.info("health call " + platform.template().health().path() + " answered");
            }
            case "execute" -> {
                PlatformResponse before = service.view(platform);
                platforms.setStatus(platform.id(), Platform.ACTIVE, null);
                audit.record(task.actor(), platform.orgId(), "platform.activate", "platform", platform.id(), before,
                        service.view(platforms.findById(platform.id()).orElseThrow()));
                log.info("platform '" + platform.name() + "' is active");
            }
            default -> throw new IllegalStateException("unknown step " + step.name());
        }
        return StepResult.DONE;
    }

    @Override
    public void compensate(Task task, Step step, TaskLog log) {
        if (step.name().equals("execute")) {
            platforms.setStatus(task.resourceId(), Platform.REGISTERING, null);
        }
    }

    @Override
    public void failed(Task task, String error) {
        platforms.findById(task.resourceId()).ifPresent(platform -> {
            PlatformResponse before = service.view(platform);
            platforms.setStatus(platform.id(), Platform.REJECTED, error);
            audit.record(task.actor(), platform.orgId(), "platform.reject", "platform", platform.id(), before,
                    service.view(platforms.findById(platform.id()).orElseThrow()));
        });
    }

    static List<StepPlan> plan() {
        return List.of(new StepPlan(0, "validate", null), new StepPlan(1, "probe", null),
                new StepPlan(2, "execute", null));
    }
}
