package io.chainwatch.registry.notification;

import java.util.List;
import java.util.UUID;

import io.chainwatch.registry.web.Access;
import io.chainwatch.registry.web.PageRequest;
import io.chainwatch.registry.web.Paging;

import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/notifications?orgId=&kind=&taskId=&sent=}: newest first, paged; a caller sees its own
 * organization's notifications only.
 */
@RestController
@RequestMapping("/api/v1/notifications")
class NotificationController {

    private final Notifications notifications;
    private final Paging paging;

    NotificationController(Notifications notifications, Paging paging) {
        this.notifications = notifications;
        this.paging = paging;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public ResponseEntity<List<Notification>> list(@RequestParam(required = false) UUID orgId,
            @RequestParam(required = false) String kind, @RequestParam(required = false) UUID taskId,
            @RequestParam(required = false) Boolean sent,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest request = paging.request(page, size);
        UUID scope = Access.caller().listScope(orgId);
        return paging.ok(notifications.find(new Notifications.Query(scope, kind, taskId, sent), request), request);
    }
}
