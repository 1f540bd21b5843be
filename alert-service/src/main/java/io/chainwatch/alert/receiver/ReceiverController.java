package io.chainwatch.alert.receiver;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.chainwatch.alert.web.NotFoundException;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/receivers}: an organization's receivers and their routing (severities, rule types, level). */
@RestController
@RequestMapping("/api/v1/receivers")
public class ReceiverController {

    private final ReceiverRepository receivers;

    public ReceiverController(ReceiverRepository receivers) {
        this.receivers = receivers;
    }

    @PostMapping
    public ResponseEntity<Receiver> create(@Valid @RequestBody Receiver receiver) {
        if (receiver.channel().equals("email") && !receiver.address().matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("address must be an e-mail address for channel email");
        }
        if (List.of("webhook", "dingtalk", "wecom", "slack").contains(receiver.channel())
                && !receiver.address().matches("https?://\\S+")) {
            throw new IllegalArgumentException("address must be an http(s) URL for channel " + receiver.channel());
        }
        if (receiver.channel().equals("sms") && !receiver.address().matches("\\+?[0-9]{6,16}")) {
            throw new IllegalArgumentException("address must be a phone number for channel sms");
        }
        Receiver created = receiver.withId(UUID.randomUUID());
        receivers.insert(created);
        return ResponseEntity.created(URI.create("/api/v1/receivers/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    public Receiver get(@PathVariable UUID id) {
        return receivers.find(id).orElseThrow(() -> new NotFoundException("receiver", id));
    }

    @GetMapping
    public List<Receiver> list(@RequestParam(required = false) UUID orgId) {
        return receivers.list(orgId);
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        if (!receivers.delete(id)) {
            throw new NotFoundException("receiver", id);
        }
        return ResponseEntity.noContent().build();
    }
}
