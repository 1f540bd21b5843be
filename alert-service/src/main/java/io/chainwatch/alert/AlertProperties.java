package io.chainwatch.alert;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the alert service, all under {@code chainwatch.alert}; each can be set from the environment,
 * e.g. {@code CHAINWATCH_ALERT_EVALUATION_TICK=500ms}.
 *
 * @param evaluationTick      how often rules are evaluated against the current state (absence of data fires too)
 * @param dispatchInterval    how often the outbox dispatcher looks for due notifications
 * @param backoffBase         first retry delay of a notification that failed in a retryable way
 * @param backoffCap          longest retry delay; the delay doubles per attempt up to this
 * @param dispatchBatch       most notifications one dispatcher run sends
 * @param mailFrom            sender address of alert e-mails
 * @param freshnessFactor     a sample is recent while younger than this many poll intervals of its node ...
 * @param freshnessMin        ... but never less than this
 * @param ruleRefresh         how often the rule list is re-read from the database (rules written by other instances)
 * @param targetsPartitionRecheck how often the targets reader looks for new partitions of the targets topic
 * @param groupWait         a notification group waits this long after its first event for more (one message); 0 =
 *                          the transitions committed together (one evaluation round) make one message, sent at once
 * @param groupInterval     a group sends at most one message per this interval
 * @param repeatInterval    a firing, unacknowledged alert is announced again after this long (rules may override)
 * @param recentSamples     samples kept per chain for dry runs of rules ("would it have fired in the last hour?")
 * @param channelFailureThreshold failed attempts in a row on one channel that raise a meta-alert through the
 *                          organization's receivers on the other channels (at most once per hour per receiver)
 * @param confirmWait       at a deadline whose newest data may be a poll old (chain stalled, failing polls), the
 *                          engine asks the collectors for an immediate poll and waits at most this long for the
 *                          fresh samples before it decides on what it knows; 0 = no confirmation
 * @param clockSkewTolerance a head block's own timestamp is believed as the event time only within [poll time −
 *                          (poll interval + this), poll time]; outside, the bound is used (a node with a wrong clock)
 * @param endpointProbeInterval while an endpoint (SMTP server, SMS provider, a receiver's URL) fails, its oldest
 *                          waiting message is tried this often; its first success sends everything waiting for it
 * @param instanceId        this instance's Kafka static group membership id ({@code group.instance.id}): stable
 *                          across restarts and unique per running instance; empty = dynamic membership. The
 *                          default derives it from the host name and the HTTP port
 */
@ConfigurationProperties("chainwatch.alert")
public record AlertProperties(
        @DefaultValue("250ms") Duration evaluationTick,
        @DefaultValue("200ms") Duration dispatchInterval,
        @DefaultValue("1s") Duration backoffBase,
        @DefaultValue("60s") Duration backoffCap,
        @DefaultValue("50") int dispatchBatch,
        @DefaultValue("chainwatch@localhost") String mailFrom,
        @DefaultValue("3") int freshnessFactor,
        @DefaultValue("3s") Duration freshnessMin,
        @DefaultValue("5s") Duration ruleRefresh,
        @DefaultValue("30s") Duration targetsPartitionRecheck,
        @DefaultValue("0ms") Duration groupWait,
        @DefaultValue("10s") Duration groupInterval,
        @DefaultValue("4h") Duration repeatInterval,
        @DefaultValue("5000") int recentSamples,
        @DefaultValue("5") int channelFailureThreshold,
        @DefaultValue("1500ms") Duration confirmWait,
        @DefaultValue("2s") Duration clockSkewTolerance,
        @DefaultValue("1s") Duration endpointProbeInterval,
        @DefaultValue("") String instanceId) {

    /** How long a sample of a node polled every {@code pollIntervalMs} counts as recent. */
    public long freshnessMs(long pollIntervalMs) {
        return Math.max(freshnessFactor * Math.max(pollIntervalMs, 0), freshnessMin.toMillis());
    }

    /** Retry delay after {@code previousAttempts} failed attempts: base × 2^previousAttempts, capped. */
    public Duration backoff(int previousAttempts) {
        int shift = Math.min(Math.max(previousAttempts, 0), 30);
        long ms = backoffBase.toMillis() * (1L << shift);
        return Duration.ofMillis(Math.min(ms <= 0 ? Long.MAX_VALUE : ms, backoffCap.toMillis()));
    }
}
