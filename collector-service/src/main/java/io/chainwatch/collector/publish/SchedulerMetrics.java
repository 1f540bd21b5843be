package io.chainwatch.collector.publish;

import io.chainwatch.collector.poll.PollScheduler;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** The schedule's own counters: polls started, ticks skipped (busy / backoff), nodes held. */
@Component
public class SchedulerMetrics implements MeterBinder {

    private final PollScheduler scheduler;

    public SchedulerMetrics(PollScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder(MetricNames.COLLECTOR_POLLS_STARTED, scheduler, s -> s.stats().pollsStarted())
                .description("Polls started by this collector")
                .register(registry);
        FunctionCounter.builder(MetricNames.COLLECTOR_TICKS_SKIPPED, scheduler, s -> s.stats().skippedBusy())
                .description("Ticks on which a node was not polled: its previous poll was still running")
                .tag(MetricNames.TAG_REASON, "busy")
                .register(registry);
        FunctionCounter.builder(MetricNames.COLLECTOR_TICKS_SKIPPED, scheduler, s -> s.stats().skippedBackoff())
                .description("Ticks on which a node was not polled: it is failing and backs off")
                .tag(MetricNames.TAG_REASON, "backoff")
                .register(registry);
        FunctionCounter.builder(MetricNames.COLLECTOR_NEWS_POLLS, scheduler, s -> s.stats().newsPolls())
                .description("Polls asked for at once between polls: a new head ending a silence, or a node found"
                        + " answering again during its back-off")
                .register(registry);
        Gauge.builder(MetricNames.COLLECTOR_NODES, scheduler, s -> s.activeNodeIds().size())
                .description("Nodes this collector polls now")
                .register(registry);
    }
}
