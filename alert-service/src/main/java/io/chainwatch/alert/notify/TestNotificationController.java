package io.chainwatch.alert.notify;

import java.util.List;
import java.util.UUID;

import io.chainwatch.alert.problem.NotFoundException;
import io.chainwatch.alert.receiver.Receiver;
import io.chainwatch.alert.receiver.ReceiverRepository;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/receivers/{id}/test}: sends the receiver one test notification ({@link TestNotifications})
 * and answers 202 with the outbox ids. Needs {@link Role#OPERATOR} or above of the receiver's organization; another
 * organization's receiver is a 404, as a missing one. Audited as {@code receiver.test} by the shared
 * {@link io.chainwatch.security.audit.AuditFilter}.
 */
@RestController
public class TestNotificationController {

    /** The answer: which receiver, on which channel, and the outbox rows that carry the message. */
    public record TestSent(UUID receiverId, String channel, List<Long> outboxIds) {
    }

    private final ReceiverRepository receivers;
    private final TestNotifications tests;

    public TestNotificationController(ReceiverRepository receivers, TestNotifications tests) {
        this.receivers = receivers;
        this.tests = tests;
    }

    @PostMapping("/api/v1/receivers/{id}/test")
    public ResponseEntity<TestSent> test(@PathVariable UUID id) {
        Caller caller = Caller.current();
        caller.require(Role.OPERATOR);
        Receiver receiver = receivers.find(id).filter(r -> caller.canAccess(r.orgId()))
                .orElseThrow(() -> new NotFoundException("receiver", id));
        List<Long> ids = tests.send(receiver, caller.subject());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new TestSent(receiver.id(), receiver.channel(), ids));
    }
}
