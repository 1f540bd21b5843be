package io.chainwatch.alert.alert;

import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/alerts?orgId=&status=FIRING|RESOLVED}: current and past alerts. */
@RestController
@RequestMapping("/api/v1/alerts")
public class AlertController {

    private final AlertRepository alerts;

    public AlertController(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @GetMapping
    public List<AlertView> list(@RequestParam(required = false) UUID orgId,
                                @RequestParam(required = false) AlertStatus status) {
        return alerts.list(orgId, status);
    }
}
