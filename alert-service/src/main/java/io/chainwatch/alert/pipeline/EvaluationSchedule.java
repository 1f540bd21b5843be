package io.chainwatch.alert.pipeline;

import io.chainwatch.alert.AlertProperties;
import io.chainwatch.alert.notify.OutboxDispatcher;
import io.chainwatch.alert.ruleset.RuleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The timers, with intervals from {@link AlertProperties}: evaluation ({@code evaluation-tick}), outbox dispatch
 * safety net ({@code dispatch-interval}, on the dispatcher's own thread), rule refresh ({@code rule-refresh}) and the
 * firing gauge (every 2 s).
 */
@Configuration(proxyBeanMethods = false)
public class EvaluationSchedule implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EvaluationSchedule.class);

    private final AlertProperties properties;
    private final EvaluationService evaluation;
    private final OutboxDispatcher dispatcher;
    private final RuleStore rules;

    public EvaluationSchedule(AlertProperties properties, EvaluationService evaluation, OutboxDispatcher dispatcher,
                              RuleStore rules) {
        this.properties = properties;
        this.evaluation = evaluation;
        this.dispatcher = dispatcher;
        this.rules = rules;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(guarded("evaluation", evaluation::tick), properties.evaluationTick());
        registrar.addFixedDelayTask(dispatcher::poll, properties.dispatchInterval());
        registrar.addFixedDelayTask(guarded("rule refresh", rules::refresh), properties.ruleRefresh());
        registrar.addFixedDelayTask(guarded("gauges", evaluation::refreshGauges), java.time.Duration.ofSeconds(2));
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", what, e.toString(), e);
            }
        };
    }
}
