package io.chainwatch.registry.nodestatus;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Every {@code chainwatch.registry.node-status.sweep-interval}, marks {@code no_data} the nodes without a sample for
 * three poll intervals (plus {@code failing-grace} for a node that is not up: collectors back off from failing nodes,
 * up to 15 s by default). Rows are locked and skipped when locked, so several registry instances can sweep at once.
 */
@Component
class NoDataSweep implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NoDataSweep.class);

    private final NodeStatusUpdater updater;
    private final Duration interval;
    private final Duration failingGrace;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "node-status-sweep");
        t.setDaemon(true);
        return t;
    });

    NoDataSweep(NodeStatusUpdater updater,
            @Value("${chainwatch.registry.node-status.sweep-interval:5s}") Duration interval,
            @Value("${chainwatch.registry.node-status.failing-grace:30s}") Duration failingGrace) {
        this.updater = updater;
        this.interval = interval;
        this.failingGrace = failingGrace;
    }

    @Override
    public void afterPropertiesSet() {
        timer.scheduleWithFixedDelay(this::sweep, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            updater.markOverdue(Instant.now(), failingGrace.toMillis());
        } catch (RuntimeException e) {
            log.warn("node status sweep failed: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
