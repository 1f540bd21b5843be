package io.chainwatch.registry.reconciliation;

import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;

import io.chainwatch.registry.provisioning.ProvisioningRepository;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduled reconciliation: a db-scheduler recurring task ({@value #NAME}) that the task engine's schedulers
 * run, so one instance reconciles at a time; every {@code interval}, each platform that runs monitored chains in
 * turn. A platform that fails does not stop the others. A deactivated organization's platforms are left alone (its
 * platform's management API is not called with its credentials, nothing of it changes) until it is reactivated.
 */
@Configuration(proxyBeanMethods = false)
class ReconciliationSchedule {

    static final String NAME = "registry-reconciliation";

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

    @Bean
    RecurringTask<Void> reconciliationTask(ReconciliationProperties properties, Reconciler reconciler,
            ProvisioningRepository platformChains) {
        return Tasks.recurring(NAME, FixedDelay.of(properties.interval())).execute((instance, context) -> {
            if (properties.enabled()) {
                runAll(reconciler, platformChains);
            }
        });
    }

    /** One scheduled round: every platform that runs monitored chains, one after the other (not deactivated). */
    static void runAll(Reconciler reconciler, ProvisioningRepository platformChains) {
        List<UUID> platforms = platformChains.platformsWithChains();
        for (UUID platformId : platforms) {
            try {
                reconciler.reconcile(platformId, "SCHEDULE");
            } catch (RuntimeException e) {
                log.warn("scheduled reconciliation of platform {} failed", platformId, e);
            }
        }
    }
}
