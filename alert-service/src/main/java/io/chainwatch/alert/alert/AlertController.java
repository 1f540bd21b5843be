package io.chainwatch.alert.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.alert.evaluate.EvaluationService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/alerts}: alerts ({@code ?orgId=&chainId=&status=}), current (open) alerts, pending conditions,
 * history of firing episodes, MTTA / MTTR per chain and organization, and acknowledgement.
 */
@RestController
@RequestMapping("/api/v1/alerts")
public class AlertController {

    private final AlertRepository alerts;
    private final TransitionRecorder recorder;
    private final EvaluationService evaluation;

    public AlertController(AlertRepository alerts, TransitionRecorder recorder, EvaluationService evaluation) {
        this.alerts = alerts;
        this.recorder = recorder;
        this.evaluation = evaluation;
    }

    /** Body of an acknowledgement: who takes the alert (optional). */
    public record Acknowledge(String by) {
    }

    @GetMapping
    public List<AlertView> list(@RequestParam(required = false) UUID orgId,
                                @RequestParam(required = false) UUID chainId,
                                @RequestParam(required = false) AlertStatus status) {
        return alerts.list(orgId, chainId, status);
    }

    /** Open alerts: firing or acknowledged. */
    @GetMapping("/current")
    public List<AlertView> current(@RequestParam(required = false) UUID orgId,
                                   @RequestParam(required = false) UUID chainId) {
        return alerts.current(orgId, chainId);
    }

    /** Conditions that hold but not yet for their rule's forSeconds: fingerprint → since. */
    @GetMapping("/pending")
    public Map<String, Instant> pending() {
        return evaluation.pending();
    }

    @GetMapping("/{fingerprint}")
    public AlertView get(@PathVariable String fingerprint) {
        return alerts.find(fingerprint).orElseThrow(
                () -> new io.chainwatch.alert.web.NotFoundException("alert", fingerprint));
    }

    /** 200 with the acknowledged alert; 404 unknown; 409 when it is not firing. */
    @PostMapping("/{fingerprint}/acknowledge")
    public AlertView acknowledge(@PathVariable String fingerprint,
                                 @RequestBody(required = false) Acknowledge body) {
        String by = body == null || body.by() == null || body.by().isBlank() ? "api" : body.by();
        if (by.length() > 200) {
            throw new IllegalArgumentException("by must be at most 200 characters");
        }
        return recorder.acknowledge(fingerprint, by);
    }

    /** Firing episodes started in the last {@code hours} (default 24), newest first. */
    @GetMapping("/history")
    public List<HistoryEntry> history(@RequestParam(required = false) UUID orgId,
                                      @RequestParam(required = false) UUID chainId,
                                      @RequestParam(defaultValue = "24") int hours) {
        Instant now = Instant.now();
        return alerts.history(orgId, chainId, now.minus(period(hours)), now.plusSeconds(1));
    }

    /** MTTA / MTTR per chain and per organization ({@code chainId} null) over the last {@code hours}. */
    @GetMapping("/stats")
    public List<ResponseStats> stats(@RequestParam(required = false) UUID orgId,
                                     @RequestParam(defaultValue = "24") int hours) {
        Instant now = Instant.now();
        return alerts.stats(orgId, now.minus(period(hours)), now.plusSeconds(1));
    }

    private static Duration period(int hours) {
        if (hours < 1 || hours > 24 * 366) {
            throw new IllegalArgumentException("hours must be between 1 and 8784");
        }
        return Duration.ofHours(hours);
    }
}
