package io.chainwatch.alert.notify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.chainwatch.alert.AlertProperties;
import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.lifecycle.AlertEventRepository;
import io.chainwatch.alert.lifecycle.AlertRepository;
import io.chainwatch.alert.notify.sms.SmsNotifier;
import io.chainwatch.alert.notify.sms.SmsProperties;
import io.chainwatch.alert.organization.OrganizationStates;
import io.chainwatch.alert.quota.Quotas;
import io.chainwatch.alert.receiver.Receiver;
import io.chainwatch.alert.receiver.ReceiverRepository;
import io.chainwatch.alert.rule.Rule;
import io.chainwatch.alert.ruleset.RuleRepository;
import io.chainwatch.alert.silence.Silence;
import io.chainwatch.alert.silence.SilenceRepository;
import io.chainwatch.events.PollOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns the event log into outbox messages, one transaction per group:
 * <ul>
 *   <li><b>grouping</b>: the unplanned events of one group (organization, chain, rule, kind, level) become one
 *       message per receiver, listing the nodes. A group is due {@code group-wait} after its oldest event and at
 *       most once per {@code group-interval};</li>
 *   <li><b>silences and maintenance windows</b> and <b>inhibition</b> ({@link PlannerProperties#inhibitions()};
 *       by default a {@code node_unreachable} alert open on the chain inhibits {@code chain_stalled} when no node
 *       of the chain answered at the stall, and on the node {@code lagging}): a suppressed firing is recorded
 *       as not announced; its resolution is not announced either; when the suppression ends while it still
 *       fires, it is announced then; an alert of an organization the registry deactivated is suppressed the same
 *       way (announced after reactivation if it still fires);</li>
 *   <li><b>routing</b>: the rule's own e-mail recipients (level 0) and the organization's receivers whose
 *       severities, rule types and escalation level match;</li>
 *   <li><b>repeat</b> ({@code repeatSeconds} / {@code repeat-interval}) and <b>escalation</b>
 *       ({@code escalateAfterSeconds}) of firing, unacknowledged alerts (the sweep).</li>
 * </ul>
 * Each outbox row's idempotency key is a hash of (group, first event, channel, address): planning the same events
 * twice (a crash between commit and anything else) cannot enqueue a message twice.
 */
@Component
public class NotificationPlanner {

    private static final Logger log = LoggerFactory.getLogger(NotificationPlanner.class);

    private final AlertEventRepository events;
    private final OutboxRepository outbox;
    private final AlertRepository alerts;
    private final ReceiverRepository receivers;
    private final SilenceRepository silences;
    private final RuleRepository rules;
    private final AlertProperties properties;
    private final PlannerProperties planner;
    private final Map<String, Notifier> notifiers;
    private final SmsProperties sms;
    /** The SMS per hour of each organization ({@link Quotas#SMS_PER_HOUR}: override, else sms.per-hour). */
    private final Quotas quotas;
    private final TransactionTemplate tx;
    /** Organizations the registry deactivated: their alerts announce nothing. */
    private final OrganizationStates organizations;
    private volatile long lastSweepMs;

    public NotificationPlanner(AlertEventRepository events, OutboxRepository outbox, AlertRepository alerts,
                               ReceiverRepository receivers, SilenceRepository silences, RuleRepository rules,
                               AlertProperties properties, List<Notifier> notifiers, SmsProperties sms,
                               PlatformTransactionManager transactionManager, Quotas quotas,
                               OrganizationStates organizations, PlannerProperties planner) {
        this.planner = planner;
        this.organizations = organizations;
        this.quotas = quotas;
        this.sms = sms;
        this.events = events;
        this.outbox = outbox;
        this.alerts = alerts;
        this.receivers = receivers;
        this.silences = silences;
        this.rules = rules;
        this.properties = properties;
        this.notifiers = notifiers.stream().collect(Collectors.toMap(Notifier::channel, Function.identity()));
        this.tx = new TransactionTemplate(transactionManager);
    }

    /** Plans every group due by {@code group-wait} (and sweeps at most once per second); returns how many messages were enqueued. */
    public int plan() {
        return plan(properties.groupWait(), true);
    }

    /**
     * Plans every group whose oldest unplanned event waited at least {@code wait} (and whose group interval is
     * over), after sweeping for repeats and escalations (at most once per second) when {@code sweep}; returns how
     * many messages were enqueued.
     */
    public int plan(Duration wait, boolean sweep) {
        long nowMs = System.currentTimeMillis();
        if (sweep && nowMs - lastSweepMs >= 1000) {
            lastSweepMs = nowMs;
            tx.executeWithoutResult(s -> sweep());
        }
        int enqueued = 0;
        for (String group : events.dueGroups(wait, properties.groupInterval())) {
            Integer n = tx.execute(s -> planGroup(group));
            enqueued += n == null ? 0 : n;
        }
        return enqueued;
    }

    private int planGroup(String groupKey) {
        if (!events.lockGroup(groupKey)) {
            return 0;
        }
        List<AlertEventRepository.Stored> stored = events.unplanned(groupKey);
        if (stored.isEmpty()) {
            return 0;
        }
        AlertEvent first = stored.get(0).event();
        List<Silence> active = silences.list(first.orgId(), null).stream()
                .filter(s -> s.activeAt(Instant.now())).toList();
        List<Long> done = new ArrayList<>();
        List<AlertEvent> deliver = new ArrayList<>();
        for (AlertEventRepository.Stored s : stored) {
            AlertEvent e = s.event();
            if (!e.firingKind()) {
                if (events.hasUnplanned(e.fingerprint(), AlertEvent.FIRING, s.id())) {
                    continue; // its firing is not announced yet: the resolution waits for it
                }
                done.add(s.id());
                if (alerts.wasNotified(e.fingerprint(), e.startedAt())) {
                    deliver.add(e);
                }
                continue;
            }
            done.add(s.id());
            String suppressedBy = suppressedBy(e, active);
            if (suppressedBy != null) {
                alerts.notified(e.fingerprint(), e.startedAt(), false);
                log.info("Alert {} {} not announced: {}", e.fingerprint(), e.kind(), suppressedBy);
            } else {
                deliver.add(e);
            }
        }
        events.markPlanned(done);
        if (deliver.isEmpty()) {
            return 0;
        }
        int enqueued = 0;
        long firstId = stored.get(0).id();
        for (Receiver r : route(first)) {
            Notifier notifier = notifiers.get(r.channel());
            if (notifier == null) {
                log.warn("No notifier for channel {} of receiver {}", r.channel(), r.name());
                continue;
            }
            if (SmsNotifier.CHANNEL.equals(r.channel())
                    && outbox.smsInLastHour(r.orgId()) >= quotas.limit(r.orgId(), Quotas.SMS_PER_HOUR)) {
                if (smsLimitNotice(notifier, r, first, deliver)) {
                    enqueued++;
                }
                continue;
            }
            Message m = notifier.render(deliver, r);
            String key = key(groupKey + "|" + firstId + "|" + r.channel() + "|" + r.address());
            if (outbox.enqueue(key, first.fingerprint(), first.kind(), first.startedAt(), r.channel(), r.address(),
                    r.id(), m, stored.get(0).recordedAt())) {
                enqueued++;
            }
        }
        for (AlertEvent e : deliver) {
            if (e.firingKind()) {
                alerts.notified(e.fingerprint(), e.startedAt(), true);
            }
        }
        events.flushed(groupKey);
        if (!alerts.anyOpen(first.ruleId(), first.chainId())) {
            // the outage is over: a new one is a new group, announced after group-wait, not held for group-interval
            events.restartGroups(first.orgId() + "|" + first.chainId() + "|" + first.ruleId() + "|");
        }
        return enqueued;
    }

    /**
     * The organization's SMS limit is reached: instead of this alert, once per clock hour and receiver, a summary
     * saying so (e-mail and chat receivers still get every alert).
     */
    private boolean smsLimitNotice(Notifier notifier, Receiver r, AlertEvent first, List<AlertEvent> deliver) {
        long perHour = quotas.limit(r.orgId(), Quotas.SMS_PER_HOUR);
        Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        String latest = io.chainwatch.alert.notify.text.AlertText.of(r.chinese()).subject(deliver);
        PlannerProperties.NoticeText notice = planner.text("sms-limit", r.locale()).fill(Map.of("perHour", perHour,
                "organization", first.orgName() == null ? first.orgId() : first.orgName(), "until",
                hour.plusSeconds(3600), "latest", latest));
        String subject = notice.subject();
        String text = notice.text();
        boolean added = outbox.enqueue(key("smslimit|" + r.orgId() + "|" + hour + "|" + r.address()),
                "smslimit:" + r.orgId(), "NOTICE", hour, r.channel(), r.address(), r.id(), notifier.notice(subject, text, r));
        log.warn("SMS limit of {} per hour reached for organization {}: {} held back from {}", perHour,
                r.orgId(), latest, r.address());
        return added;
    }

    /**
     * A channel keeps failing: tell the organizations that have messages waiting on it, through their receivers
     * on the other channels — at most once per clock hour per receiver.
     */
    public int channelFailing(String channel, int failures, String lastError) {
        Integer n = tx.execute(status -> {
            int enqueued = 0;
            Instant hour = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            for (Map.Entry<UUID, Long> org : outbox.waitingOn(channel).entrySet()) {
                for (Receiver r : receivers.list(org.getKey())) {
                    Notifier notifier = notifiers.get(r.channel());
                    if (!r.enabled() || r.escalationLevel() != 0 || r.channel().equals(channel) || notifier == null) {
                        continue;
                    }
                    PlannerProperties.NoticeText notice = planner.text("channel-failing", r.locale()).fill(Map.of(
                            "channel", channel, "failures", failures, "waiting", org.getValue(),
                            "error", String.valueOf(HttpDelivery.abbreviate(lastError))));
                    String subject = notice.subject();
                    String text = notice.text();
                    if (outbox.enqueue(key("meta|" + channel + "|" + org.getKey() + "|" + hour + "|" + r.channel() + "|"
                                    + r.address()), "meta:" + channel, "META", hour, r.channel(), r.address(), r.id(),
                            notifier.notice(subject, text, r))) {
                        enqueued++;
                    }
                }
            }
            return enqueued;
        });
        if (n != null && n > 0) {
            log.warn("Channel {} failed {} times in a row: meta-alert sent to {} receiver(s) on other channels",
                    channel, failures, n);
        }
        return n == null ? 0 : n;
    }

    /** Why a firing event is not announced now, or null. */
    private String suppressedBy(AlertEvent e, List<Silence> active) {
        if (organizations.deactivated(e.orgId())) {
            return "the organization is deactivated";
        }
        Map<String, String> labels = e.labels();
        for (Silence s : active) {
            if (s.matches(labels)) {
                return s.kind() + " " + s.id();
            }
        }
        UUID chain = e.chainId();
        return planner.inhibitedBy(e.ruleType(), e.nodeId(), !noNodeAnswered(e),
                (type, node) -> alerts.openOf(type, chain, node));
    }

    /**
     * Whether no node of the stalled chain answered its last poll when the stall fired: then the stall says nothing
     * the unreachable alerts do not (no node can show a new block; the engine itself fires a stall only on an
     * answering node's evidence, so this guards the announcement rather than decides it). When one answered and
     * showed no new block, the chain itself stopped — news, announced even while another node is unreachable or
     * erroring (a node broken for days must not mute every stall of its chain).
     */
    private static boolean noNodeAnswered(AlertEvent e) {
        return e.snapshot() == null || e.snapshot().nodes() == null
                || e.snapshot().nodes().stream().noneMatch(n -> n.lastOutcome() == PollOutcome.OK);
    }

    /** The receivers of an event: the rule's e-mail recipients (level 0) and matching organization receivers. */
    private List<Receiver> route(AlertEvent e) {
        Map<String, Receiver> out = new LinkedHashMap<>();
        UUID orgId = e.orgId();
        if (e.level() == 0) {
            rules.find(e.ruleId()).ifPresent(rule -> rule.emailTo().forEach(
                    to -> out.putIfAbsent("email|" + to.toLowerCase(), Receiver.ruleEmail(orgId, to))));
        }
        for (Receiver r : receivers.list(orgId)) {
            if (r.routes(e.severity(), e.ruleType(), e.level())) {
                out.putIfAbsent(r.channel() + "|" + r.address().toLowerCase(), r);
            }
        }
        return List.copyOf(out.values());
    }

    /**
     * Firing, unacknowledged alerts: announce those no longer suppressed, repeat those announced longer ago than
     * their repeat interval, escalate those unacknowledged past their rule's {@code escalateAfterSeconds}.
     */
    private void sweep() {
        List<AlertRepository.Open> open = alerts.firingUnacknowledged();
        if (open.isEmpty()) {
            return;
        }
        List<Silence> active = null;
        for (AlertRepository.Open a : open) {
            Rule rule = rules.find(a.ruleId()).orElse(null);
            if (rule == null) {
                continue;
            }
            Instant now = a.now();
            if (!a.notified()) {
                if (events.hasUnplanned(a.fingerprint(), AlertEvent.FIRING, Long.MAX_VALUE)) {
                    continue;
                }
                AlertEvent last = events.lastFiring(a.fingerprint()).orElse(null);
                if (last == null || !last.startedAt().equals(a.startedAt())) {
                    continue;
                }
                if (active == null) {
                    active = silences.list(null, null).stream().filter(s -> s.activeAt(Instant.now())).toList();
                }
                List<Silence> orgSilences = active.stream()
                        .filter(s -> s.orgId().equals(last.orgId())).toList();
                if (suppressedBy(last, orgSilences) == null) {
                    events.insert(last.again(AlertEvent.FIRING, now, 0));
                    log.info("Alert {} no longer suppressed: announcing it", a.fingerprint());
                }
                continue;
            }
            Integer escalateAfter = rule.settings().escalateAfterSeconds();
            if (escalateAfter != null && a.escalationLevel() == 0
                    && !a.startedAt().plusSeconds(escalateAfter).isAfter(now)
                    && alerts.escalate(a.fingerprint(), a.startedAt(), 1)) {
                events.lastFiring(a.fingerprint()).ifPresent(last ->
                        events.insert(last.again(AlertEvent.ESCALATION, now, 1)));
                log.info("Alert {} unacknowledged for {} s: escalated", a.fingerprint(), escalateAfter);
            }
            Duration repeat = rule.settings().repeatSeconds() == null ? properties.repeatInterval()
                    : Duration.ofSeconds(rule.settings().repeatSeconds());
            Instant last = a.lastNotifiedAt() == null ? a.startedAt() : a.lastNotifiedAt();
            if (!last.plus(repeat).isAfter(now) && alerts.claimRepeat(a.fingerprint(), a.startedAt(), a.lastNotifiedAt())) {
                events.lastFiring(a.fingerprint()).ifPresent(ev -> events.insert(ev.again(AlertEvent.REPEAT, now, 0)));
            }
        }
    }

    static String key(String s) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing", e);
        }
    }
}
