package io.chainwatch.alert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * The catalogue of this service's metric names (dot-separated; Prometheus sees them in snake_case) and the meters
 * themselves. Tags are low-cardinality: rule type, status, channel, result, severity, organization and chain
 * names (as the collector tags them). Every series that can be known in advance is registered with 0.
 */
@Component
public class AlertMetrics {

    /** Gauge of open (firing or acknowledged) alerts of the chains this instance evaluates; tags severity, org, chain. */
    public static final String ALERTS_FIRING = "chainwatch.alerts.firing";
    /** Counter of alert transitions; tags {@code type} (rule type) and {@code status} (FIRING, ACKNOWLEDGED, RESOLVED). */
    public static final String TRANSITIONS = "chainwatch.alert.transitions";
    /** Counter of notification attempts; tags {@code channel} (email, sms, webhook, ...) and {@code result} (sent, retry, failed). */
    public static final String NOTIFICATIONS = "chainwatch.notifications";
    /** Gauge of outbox rows still to be sent (not sent, not given up). */
    public static final String OUTBOX_PENDING = "chainwatch.outbox.pending";
    /** Summary of seconds from firing to acknowledgement, recorded at acknowledgement; tags org, chain. */
    public static final String TIME_TO_ACKNOWLEDGE = "chainwatch.alert.time.to.acknowledge";
    /** Summary of seconds from firing to resolution, recorded at resolution; tags org, chain. */
    public static final String TIME_TO_RESOLVE = "chainwatch.alert.time.to.resolve";

    /** Counter of immediate polls asked of the collectors to confirm a deadline (chain stalled, failing polls). */
    public static final String POLL_REQUESTS = "chainwatch.alert.poll.requests";

    /**
     * Timer from the moment a transition was recorded (its transaction) to the channel's acceptance of the message
     * announcing it (the SMTP server's "250" after the data, the webhook's 2xx), retries included; tag {@code channel}.
     * Notices that announce no transition are not timed. Buckets at 10 ms … 30 s, and the
     * p50 and p99 of the last few minutes as gauges ({@code quantile} tag).
     */
    public static final String NOTIFICATION_DELAY = "chainwatch.notification.delay";

    /**
     * Gauge of the age in seconds of the oldest notification not yet sent (waiting for its first attempt or for a
     * retry; 0 when the outbox is empty): how long the most delayed message has been on its way.
     */
    public static final String OUTBOX_OLDEST_AGE = "chainwatch.outbox.oldest.age.seconds";

    /**
     * Timer of how late the engine's deadline timers ran: from the moment a deadline (a stall, a {@code for}
     * duration, no data) was due to the start of its evaluation, waiting for the engine's lock included. Its
     * {@code _max} over the last two minutes is what the default alert watches.
     */
    public static final String DEADLINE_LATENESS = "chainwatch.alert.deadline.lateness";

    /** Results of a notification attempt. */
    public static final List<String> RESULTS = List.of("sent", "retry", "failed");

    private final MeterRegistry registry;
    private final MultiGauge firing;
    private final Timer deadlineLateness;

    public AlertMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.firing = MultiGauge.builder(ALERTS_FIRING)
                .description("Open (firing or acknowledged) alerts by severity, organization and chain")
                .register(registry);
        Counter.builder(POLL_REQUESTS).description("Immediate polls asked of the collectors to confirm a deadline")
                .register(registry);
        this.deadlineLateness = Timer.builder(DEADLINE_LATENESS)
                .description("How late deadline timers started their evaluation, from the moment the deadline was due")
                .register(registry);
    }

    /** Registers every rule type × transition with 0 (called with the rule types when evaluation starts). */
    public void ruleTypes(Collection<String> types) {
        for (String type : types) {
            for (String status : List.of("FIRING", "ACKNOWLEDGED", "RESOLVED")) {
                transitions(type, status);
            }
        }
    }

    /** Registers every channel × result with 0 (called once the notifiers are known). */
    public void channels(Collection<String> channels) {
        for (String channel : channels) {
            for (String result : RESULTS) {
                notifications(channel, result);
            }
        }
    }

    public void pollRequested() {
        Counter.builder(POLL_REQUESTS).description("Immediate polls asked of the collectors to confirm a deadline")
                .register(registry).increment();
    }

    public void transition(String type, String status) {
        transitions(type, status).increment();
    }

    public void notification(String channel, String result) {
        notifications(channel, result).increment();
    }

    /** Records the delay from a recorded transition to the channel's acceptance of its message. */
    public void notificationDelay(String channel, java.time.Duration delay) {
        Timer.builder(NOTIFICATION_DELAY).tag("channel", channel)
                .description("From a recorded transition to the channel's acceptance of its message")
                .serviceLevelObjectives(java.util.stream.Stream.of(10, 25, 50, 100, 250, 500, 1000, 2000, 5000, 10_000,
                        30_000).map(java.time.Duration::ofMillis).toArray(java.time.Duration[]::new))
                .publishPercentiles(0.5, 0.99)
                .register(registry).record(delay.isNegative() ? java.time.Duration.ZERO : delay);
    }

    /** Records how late a deadline timer ran (0 when on time). */
    public void deadlineLateness(java.time.Duration late) {
        deadlineLateness.record(late.isNegative() ? java.time.Duration.ZERO : late);
    }

    public void timeToAcknowledge(String org, String chain, double seconds) {
        summary(TIME_TO_ACKNOWLEDGE, "Seconds from firing to acknowledgement", org, chain).record(seconds);
    }

    public void timeToResolve(String org, String chain, double seconds) {
        summary(TIME_TO_RESOLVE, "Seconds from firing to resolution", org, chain).record(seconds);
    }

    /** Makes sure the per-chain summaries of an (org, chain) exist, with count 0. */
    public void chainKnown(String org, String chain) {
        summary(TIME_TO_ACKNOWLEDGE, "Seconds from firing to acknowledgement", org, chain);
        summary(TIME_TO_RESOLVE, "Seconds from firing to resolution", org, chain);
    }

    /**
     * Replaces the firing gauge's series.
     *
     * @param counts open alerts by (severity, org, chain); combinations with no open alert are given as 0
     */
    public void firing(Map<List<String>, Long> counts) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((key, count) -> rows.add(MultiGauge.Row.of(
                Tags.of("severity", key.get(0), "org", key.get(1), "chain", key.get(2)), count)));
        firing.register(rows, true);
    }

    private Counter transitions(String type, String status) {
        return Counter.builder(TRANSITIONS).tag("type", type).tag("status", status)
                .description("Alert transitions by rule type and new status").register(registry);
    }

    private Counter notifications(String channel, String result) {
        return Counter.builder(NOTIFICATIONS).tag("channel", channel).tag("result", result)
                .description("Notification attempts by channel and result").register(registry);
    }

    private DistributionSummary summary(String name, String description, String org, String chain) {
        String o = org == null ? "unknown" : org;
        String c = chain == null ? "unknown" : chain;
        return DistributionSummary.builder(name).baseUnit("seconds").description(description)
                .tag("org", o).tag("chain", c).register(registry);
    }
}
