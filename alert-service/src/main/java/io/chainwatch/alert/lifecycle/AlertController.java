package io.chainwatch.alert.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alerts}: alerts ({@code ?orgId=&chainId=&status=}, pending ones included), current (open) alerts,
 * pending alerts, history of firing episodes, MTTA / MTTR per chain and organization, and acknowledgement.
 *
 * <p>Organization scope: a caller sees the alerts of its own organization only (a platform admin: all, or those of
 * {@code orgId}); another organization's alert is answered 404. Acknowledging needs {@link Role#OPERATOR}.
 */
@RestController
@RequestMapping("/api/v1/alerts")
public class AlertController {

    private final AlertRepository alerts;
    private final TransitionRecorder recorder;

    public AlertController(AlertRepository alerts, TransitionRecorder recorder) {
        this.alerts = alerts;
        this.recorder = recorder;
    }

    /**
     * Body of an acknowledgement (optional). {@code by} is accepted for older clients and ignored: the alert is
     * acknowledged by the authenticated caller, whatever a body says.
     */
    public record Acknowledge(String by) {
    }

    @GetMapping
    public List<AlertView> list(@RequestParam(required = false) UUID orgId,
                                @RequestParam(required = false) UUID chainId,
                                @RequestParam(required = false) AlertStatus status) {
        return alerts.list(Caller.current().listScope(orgId), chainId, status);
    }

    /** Open alerts: firing or acknowledged. */
    @GetMapping("/current")
    public List<AlertView> current(@RequestParam(required = false) UUID orgId,
                                   @RequestParam(required = false) UUID chainId) {
        return alerts.current(Caller.current().listScope(orgId), chainId);
    }

    /**
     * Pending alerts (conditions that hold but not yet for their rule's forSeconds) of the caller's organization:
     * fingerprint → since. The same alerts appear in the list with status PENDING.
     */
    @GetMapping("/pending")
    public Map<String, Instant> pending(@RequestParam(required = false) UUID orgId) {
        Map<String, Instant> out = new java.util.LinkedHashMap<>();
        alerts.list(Caller.current().listScope(orgId), null, AlertStatus.PENDING)
                .forEach(a -> out.put(a.fingerprint(), a.startedAt()));
        return out;
    }

    /** The alert; 404 when unknown or of another organization. */
    @GetMapping("/{fingerprint}")
    public AlertView get(@PathVariable String fingerprint) {
        Caller caller = Caller.current();
        return alerts.find(fingerprint).filter(a -> caller.canAccess(a.orgId())).orElseThrow(
                () -> new io.chainwatch.alert.problem.NotFoundException("alert", fingerprint));
    }

    /** 200 with the acknowledged alert; 404 unknown; 409 when it is not firing. */
    @PostMapping("/{fingerprint}/acknowledge")
    public AlertView acknowledge(@PathVariable String fingerprint,
                                 @RequestBody(required = false) Acknowledge body) {
        Caller caller = Caller.current();
        caller.require(Role.OPERATOR);
        get(fingerprint);
        // the actor is the authenticated caller only: a body's "by" could name anyone
        return recorder.acknowledge(fingerprint, caller.subject());
    }

    /** Firing episodes started in the last {@code hours} (default 24), newest first. */
    @GetMapping("/history")
    public List<HistoryEntry> history(@RequestParam(required = false) UUID orgId,
                                      @RequestParam(required = false) UUID chainId,
                                      @RequestParam(defaultValue = "24") int hours) {
        Instant now = Instant.now();
        return alerts.history(Caller.current().listScope(orgId), chainId, now.minus(period(hours)), now.plusSeconds(1));
    }

    /** MTTA / MTTR per chain and per organization ({@code chainId} null) over the last {@code hours}. */
    @GetMapping("/stats")
    public List<ResponseStats> stats(@RequestParam(required = false) UUID orgId,
                                     @RequestParam(defaultValue = "24") int hours) {
        Instant now = Instant.now();
        return alerts.stats(Caller.current().listScope(orgId), now.minus(period(hours)), now.plusSeconds(1));
    }

    private static Duration period(int hours) {
        if (hours < 1 || hours > 24 * 366) {
            throw new IllegalArgumentException("hours must be between 1 and 8784");
        }
        return Duration.ofHours(hours);
    }
}
