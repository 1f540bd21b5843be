package io.chainwatch.alert.notify;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.chainwatch.alert.AlertMetrics;
import io.chainwatch.alert.AlertProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans ({@link NotificationPlanner}) and sends due outbox messages on one dedicated thread: woken by the schedule ({@code dispatch-interval}) and right
 * after a transition is committed. Each message is claimed with {@code FOR UPDATE SKIP LOCKED} in its own
 * transaction, sent, and marked sent; a retryable failure is tried again after base × 2^attempts (capped),
 * with no deadline; a permanent failure is kept with its error and not retried.
 */
@Component
public class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final OutboxRepository outbox;
    private final Map<String, Notifier> notifiers;
    private final AlertProperties properties;
    private final TransactionTemplate tx;
    private final AlertMetrics metrics;
    private final NotificationPlanner planner;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "outbox-dispatcher");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();
    /** Failed attempts in a row per channel (reset by a success): the meta-alert trigger. */
    private final Map<String, Integer> failuresInARow = new java.util.concurrent.ConcurrentHashMap<>();

    public OutboxDispatcher(OutboxRepository outbox, List<Notifier> notifiers, AlertProperties properties,
                            PlatformTransactionManager transactionManager, MeterRegistry meters, AlertMetrics metrics,
                            NotificationPlanner planner) {
        this.outbox = outbox;
        this.notifiers = notifiers.stream().collect(Collectors.toMap(Notifier::channel, Function.identity()));
        this.properties = properties;
        this.tx = new TransactionTemplate(transactionManager);
        this.metrics = metrics;
        this.planner = planner;
        metrics.channels(this.notifiers.keySet());
        Gauge.builder(AlertMetrics.OUTBOX_PENDING, this, OutboxDispatcher::pendingOrNaN)
                .description("Notifications not yet sent (not given up)").register(meters);
    }

    /** Asks for a dispatch run soon; runs requested while one is queued are merged. */
    public void wake() {
        if (queued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    queued.set(false);
                    planAndDispatch();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.set(false); // shutting down
            }
        }
    }

    /** Groups due events into outbox messages, then sends due messages. */
    public void planAndDispatch() {
        try {
            planner.plan();
        } catch (RuntimeException e) {
            log.warn("Notification planning failed, will try again: {}", e.toString());
        }
        dispatchDue();
    }

    /** Sends due messages, at most {@code dispatch-batch}; returns how many were sent. */
    public int dispatchDue() {
        int sent = 0;
        try {
            for (int i = 0; i < properties.dispatchBatch(); i++) {
                Boolean result = tx.execute(status -> dispatchOne());
                if (result == null) {
                    break;
                }
                if (result) {
                    sent++;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Outbox dispatch failed, will try again: {}", e.toString());
        }
        return sent;
    }

    /** Null when nothing is due, else whether the claimed message was sent. */
    private Boolean dispatchOne() {
        Optional<Notification> claimed = outbox.claimNextDue();
        if (claimed.isEmpty()) {
            return null;
        }
        Notification n = claimed.get();
        Notifier notifier = notifiers.get(n.channel());
        Notifier.Result result = notifier == null
                ? Notifier.Result.giveUp("no notifier for channel " + n.channel())
                : notifier.send(n);
        if (result.sent()) {
            failuresInARow.remove(n.channel());
            outbox.markSent(n.id());
            count(n.channel(), "sent");
            log.info("Sent {} notification {} to {}: {}", n.channel(), n.id(), n.recipient(), n.subject());
            return true;
        }
        if (result.retryable()) {
            java.time.Duration delay = properties.backoff(n.attempts());
            outbox.markRetry(n.id(), delay, result.error());
            count(n.channel(), "retry");
            failed(n.channel(), result.error());
            log.warn("Sending {} notification {} to {} failed (attempt {}), retry in {}: {}", n.channel(), n.id(),
                    n.recipient(), n.attempts() + 1, delay, result.error());
        } else {
            outbox.markGivenUp(n.id(), result.error());
            count(n.channel(), "failed");
            failed(n.channel(), result.error());
            log.error("Sending {} notification {} to {} failed permanently: {}", n.channel(), n.id(), n.recipient(),
                    result.error());
        }
        return false;
    }

    /** Counts a failure; at the threshold, a meta-alert goes out after this transaction (through the others). */
    private void failed(String channel, String error) {
        int inARow = failuresInARow.merge(channel, 1, Integer::sum);
        if (inARow == properties.channelFailureThreshold()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            try {
                                planner.channelFailing(channel, inARow, error);
                            } catch (RuntimeException e) {
                                log.warn("Could not raise the meta-alert for channel {}: {}", channel, e.toString());
                            }
                        }
                    });
        }
    }

    private void count(String channel, String result) {
        metrics.notification(channel, result);
    }

    private double pendingOrNaN() {
        try {
            return outbox.pending();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }
}
