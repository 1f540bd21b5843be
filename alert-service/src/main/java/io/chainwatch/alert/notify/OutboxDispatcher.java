package io.chainwatch.alert.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.chainwatch.alert.AlertMetrics;
import io.chainwatch.alert.AlertProperties;
import io.chainwatch.alert.lifecycle.AlertEventRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans ({@link NotificationPlanner}) and sends due outbox messages on one dedicated thread. It runs
 * <ul>
 *   <li>when woken right after transitions are committed ({@link #wake()}): the groups due by {@code group-wait}
 *       are planned and sent at once, so a message leaves within milliseconds of its transition's commit;</li>
 *   <li>at the next moment something becomes due (a group's wait or interval ends, a retry's backoff ends), by a
 *       timer set after every run;</li>
 *   <li>every {@code dispatch-interval} as the safety net ({@link #poll()}): it plans only groups whose events
 *       have waited at least {@value #SAFETY_NET_MS} ms longer than {@code group-wait} (a wake-up that never came:
 *       another instance's transitions, a crash), so it never splits the transitions of one evaluation round that
 *       are still being committed.</li>
 * </ul>
 * Each message is claimed with {@code FOR UPDATE SKIP LOCKED} in its own transaction, sent, and marked sent in that
 * transaction: it is committed before anything is sent, and a process that dies before the channel accepted it
 * leaves it unsent (it is sent again, with the same idempotency key). A retryable failure is tried again after
 * base × 2^attempts (capped), with no deadline; a permanent failure is kept with its error and not retried.
 *
 * <p><b>Endpoints.</b> Messages of one endpoint (the SMTP server, the SMS provider, or one receiver's URL) wait
 * together: while an endpoint fails, its oldest waiting message is tried every {@code endpoint-probe-interval}
 * regardless of its own backoff, and the first message the endpoint accepts makes every message waiting for it
 * due at once, so a recovered endpoint gets its backlog within about one probe interval instead of over the
 * messages' separate backoff timers.
 */
@Component
public class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    /** How much longer than group-wait the safety-net poll lets a group wait before planning it. */
    static final long SAFETY_NET_MS = 1000;

    private final OutboxRepository outbox;
    private final AlertEventRepository events;
    private final Map<String, Notifier> notifiers;
    private final AlertProperties properties;
    private final TransactionTemplate tx;
    private final AlertMetrics metrics;
    private final NotificationPlanner planner;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "outbox-dispatcher");
        t.setDaemon(true);
        return t;
    });
    private final Pending pending = new Pending();
    /** The timer of the next due moment and when it fires (only touched on the worker thread). */
    private ScheduledFuture<?> timer;
    private long timerAtMs = Long.MAX_VALUE;
    /** Failed attempts in a row per channel (reset by a success): the meta-alert trigger. */
    private final Map<String, Integer> failuresInARow = new ConcurrentHashMap<>();
    /** Endpoints whose last attempt failed, and when to probe each next (only touched on the worker thread). */
    private final Map<Endpoint, Long> failing = new HashMap<>();

    /** Where a message goes: a channel's one server (e-mail, SMS), or one receiver's URL. */
    record Endpoint(String channel, UUID receiverId) {
    }

    /** A receiver's own URL is its endpoint; the other channels send through their one server. */
    private Endpoint endpoint(Notification n) {
        boolean perReceiver = n.receiverId() != null && notifiers.containsKey(n.channel())
                && notifiers.get(n.channel()).addressKind() == io.chainwatch.alert.receiver.ChannelSpec.AddressKind.SECRET_URL;
        return new Endpoint(n.channel(), perReceiver ? n.receiverId() : null);
    }

    public OutboxDispatcher(OutboxRepository outbox, AlertEventRepository events, List<Notifier> notifiers,
                            AlertProperties properties, PlatformTransactionManager transactionManager,
                            MeterRegistry meters, AlertMetrics metrics, NotificationPlanner planner) {
        this.outbox = outbox;
        this.events = events;
        this.notifiers = notifiers.stream().collect(Collectors.toMap(Notifier::channel, Function.identity()));
        this.properties = properties;
        this.tx = new TransactionTemplate(transactionManager);
        this.metrics = metrics;
        this.planner = planner;
        metrics.channels(this.notifiers.keySet());
        Gauge.builder(AlertMetrics.OUTBOX_PENDING, this, OutboxDispatcher::pendingOrNaN)
                .description("Notifications not yet sent (not given up)").register(meters);
        Gauge.builder(AlertMetrics.OUTBOX_OLDEST_AGE, this, OutboxDispatcher::oldestAgeOrNaN)
                .description("Seconds the oldest notification not yet sent has waited (0: none waits)").register(meters);
    }

    /**
     * Transitions (or notices) were just committed: plans the groups due by {@code group-wait} and sends, soon on
     * the dispatcher's thread. Wake-ups requested while one is queued are merged.
     */
    public void wake() {
        submit(properties.groupWait(), false);
    }

    /** The safety net ({@code dispatch-interval}): plans groups that waited well past group-wait, and sends. */
    public void poll() {
        submit(properties.groupWait().plusMillis(SAFETY_NET_MS), true);
    }

    /**
     * Queues a run; runs requested while one is queued are merged into it with the shortest wait asked for and a
     * sweep if any asked for one.
     *
     * @param sweep whether the run also looks for due repeats and escalations (the poll's job: kept off the path of a
     *              fresh transition)
     */
    private void submit(Duration wait, boolean sweep) {
        synchronized (pending) {
            pending.wait = pending.wait == null || wait.compareTo(pending.wait) < 0 ? wait : pending.wait;
            pending.sweep |= sweep;
            if (pending.queued) {
                return;
            }
            pending.queued = true;
        }
        try {
            worker.execute(() -> {
                Duration w;
                boolean sw;
                synchronized (pending) {
                    w = pending.wait;
                    sw = pending.sweep;
                    pending.wait = null;
                    pending.sweep = false;
                    pending.queued = false;
                }
                run(w, sw);
            });
        } catch (RejectedExecutionException e) {
            synchronized (pending) {
                pending.queued = false; // shutting down
            }
        }
    }

    /** The run requested but not started yet. */
    private static final class Pending {
        Duration wait;
        boolean sweep;
        boolean queued;
    }

    private void run(Duration wait, boolean sweep) {
        try {
            planAndDispatch(wait, sweep);
        } finally {
            armTimer();
        }
    }

    /** Groups the events due by {@code group-wait} into outbox messages, then sends due messages. */
    public void planAndDispatch() {
        planAndDispatch(properties.groupWait(), true);
    }

    private void planAndDispatch(Duration wait, boolean sweep) {
        try {
            planner.plan(wait, sweep);
        } catch (RuntimeException e) {
            log.warn("Notification planning failed, will try again: {}", e.toString());
        }
        probeFailingEndpoints();
        while (dispatchDue() == properties.dispatchBatch()) {
            // a full batch: more may be due (e.g. a recovered endpoint's backlog)
        }
    }

    /** Sends due messages, at most {@code dispatch-batch}; returns how many were claimed. */
    public int dispatchDue() {
        int claimed = 0;
        try {
            for (; claimed < properties.dispatchBatch(); claimed++) {
                Boolean result = tx.execute(status -> dispatchOne());
                if (result == null) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Outbox dispatch failed, will try again: {}", e.toString());
            return 0;
        }
        return claimed;
    }

    /** Makes the oldest waiting message of each failing endpoint whose probe is due, due now. */
    private void probeFailingEndpoints() {
        long now = System.currentTimeMillis();
        for (Iterator<Map.Entry<Endpoint, Long>> it = failing.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Endpoint, Long> e = it.next();
            if (e.getValue() > now) {
                continue;
            }
            try {
                if (!outbox.probe(e.getKey().channel(), e.getKey().receiverId())) {
                    it.remove(); // nothing waits for it any more (or all of it is due anyway)
                } else {
                    e.setValue(now + properties.endpointProbeInterval().toMillis());
                }
            } catch (RuntimeException ex) {
                log.warn("Could not probe endpoint {}: {}", e.getKey(), ex.toString());
            }
        }
    }

    /** Sets the timer to the next moment a group or a retry becomes due, or a failing endpoint is probed. */
    private void armTimer() {
        long next = Long.MAX_VALUE;
        try {
            Instant group = events.nextGroupDue(properties.groupWait(), properties.groupInterval());
            Instant retry = outbox.nextRetry();
            if (group != null) {
                next = Math.min(next, group.toEpochMilli());
            }
            if (retry != null) {
                next = Math.min(next, retry.toEpochMilli());
            }
        } catch (RuntimeException e) {
            log.debug("Could not read the next due moment: {}", e.toString());
        }
        for (long probeAt : failing.values()) {
            next = Math.min(next, probeAt);
        }
        long now = System.currentTimeMillis();
        if (next == Long.MAX_VALUE || next - now > properties.dispatchInterval().toMillis()) {
            return; // the safety net comes first
        }
        if (timer != null && !timer.isDone() && timerAtMs <= next) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        timerAtMs = next;
        try {
            timer = worker.schedule(() -> submit(properties.groupWait(), false), Math.max(0, next - now),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
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
        Endpoint endpoint = endpoint(n);
        if (result.sent()) {
            failuresInARow.remove(n.channel());
            outbox.markSent(n.id());
            count(n.channel(), "sent");
            if (n.eventAt() != null) {
                metrics.notificationDelay(n.channel(), Duration.between(n.eventAt(), Instant.now()));
            }
            failing.remove(endpoint);
            int released = outbox.releaseWaiting(endpoint.channel(), endpoint.receiverId());
            if (released > 0) {
                log.info("{} accepted a message again: {} waiting message(s) due now", endpoint, released);
            }
            log.info("Sent {} notification {} to {}: {}", n.channel(), n.id(), shown(n), n.subject());
            return true;
        }
        if (result.retryable()) {
            Duration delay = properties.backoff(n.attempts());
            outbox.markRetry(n.id(), delay, result.error());
            failing.putIfAbsent(endpoint, System.currentTimeMillis() + properties.endpointProbeInterval().toMillis());
            count(n.channel(), "retry");
            failed(n.channel(), result.error());
            log.warn("Sending {} notification {} to {} failed (attempt {}), retry in {}: {}", n.channel(), n.id(),
                    shown(n), n.attempts() + 1, delay, result.error());
        } else {
            outbox.markGivenUp(n.id(), result.error());
            count(n.channel(), "failed");
            failed(n.channel(), result.error());
            log.error("Sending {} notification {} to {} failed permanently: {}", n.channel(), n.id(), shown(n),
                    result.error());
        }
        return false;
    }

    /** Who a message goes to, as a log line may show it: a webhook or chat URL masked. */
    private String shown(Notification n) {
        return outbox.shown(n.channel(), n.recipient());
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

    private double oldestAgeOrNaN() {
        try {
            return outbox.oldestPendingAgeSeconds();
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
