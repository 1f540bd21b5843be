package io.chainwatch.registry.task;

import java.lang.management.ManagementFactory;

import com.github.kagkarlsson.scheduler.Scheduler;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts this instance's db-scheduler when the application context is ready (after Flyway) and stops it, letting
 * running steps finish, before the data source closes.
 */
@Component
class TaskSchedulerLifecycle implements SmartLifecycle {

    private final TaskEngine engine;
    private Scheduler scheduler;

    TaskSchedulerLifecycle(TaskEngine engine) {
        this.engine = engine;
    }

    @Override
    public synchronized void start() {
        if (scheduler == null) {
            scheduler = engine.newScheduler("registry-" + ManagementFactory.getRuntimeMXBean().getName());
            scheduler.start();
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
        }
        engine.shutdown();
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
