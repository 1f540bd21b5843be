package io.chainwatch.alert.receiver;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.chainwatch.alert.problem.NotFoundException;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
import io.chainwatch.security.UrlGuard;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/receivers}: an organization's receivers and their routing (severities, rule types, level):
 * create, read, list, replace ({@code PUT}) and delete.
 *
 * <p>Receivers hold people's addresses and signing secrets, so every endpoint needs {@link Role#ORG_ADMIN} of the
 * receiver's organization (or a platform admin); another organization's receiver is answered 404. Secrets are
 * write-only: responses are {@link ReceiverView}s, whose URLs of webhook and chat receivers are masked (the URL
 * carries the robot's access token and is stored encrypted). URLs of webhook and chat receivers must pass the
 * {@link UrlGuard} (no loopback, private or link-local targets unless allowed by configuration).
 */
@RestController
@RequestMapping("/api/v1/receivers")
public class ReceiverController {

    private final ReceiverRepository receivers;
    private final UrlGuard urlGuard;
    private final Channels channels;

    private final io.chainwatch.alert.quota.Quotas quotas;

    public ReceiverController(ReceiverRepository receivers, UrlGuard urlGuard, io.chainwatch.alert.quota.Quotas quotas,
                              Channels channels) {
        this.channels = channels;
        this.quotas = quotas;
        this.receivers = receivers;
        this.urlGuard = urlGuard;
    }

    @PostMapping
    @org.springframework.transaction.annotation.Transactional
    public ResponseEntity<ReceiverView> create(@Valid @RequestBody Receiver body) {
        Receiver receiver = body.withOrgId(admin().owningOrg(body.orgId()));
        if (receiver.address() == null || receiver.address().isBlank()) {
            throw new IllegalArgumentException("address must not be blank");
        }
        checkAddress(receiver);
        checkSms(receiver, false);
        quotas.checkOneMore(receiver.orgId(), io.chainwatch.alert.quota.Quotas.RECEIVERS);
        Receiver created = receiver.withId(UUID.randomUUID());
        receivers.insert(created);
        return ResponseEntity.created(URI.create("/api/v1/receivers/" + created.id()))
                .body(receivers.findView(created.id()).orElseThrow());
    }

    /**
     * Replaces the receiver's settings; its organization stays ({@code orgId} may be left out, naming another one
     * is a 400). Secret: left out = unchanged, {@code ""} = removed, a value = replaced. Address: left out, or
     * exactly the masked address the API shows, = unchanged (so a client sending back what it read keeps the URL).
     */
    @PutMapping("/{id}")
    public ReceiverView update(@PathVariable UUID id, @Valid @RequestBody Receiver body) {
        ReceiverView current = get(id);
        if (body.orgId() != null && !body.orgId().equals(current.orgId())) {
            throw new IllegalArgumentException("orgId cannot be changed");
        }
        Receiver receiver = body.withOrgId(current.orgId()).withId(id);
        if (receiver.address() == null || receiver.address().isBlank()
                || receiver.address().equals(current.address())) {
            String stored = receivers.find(id).orElseThrow(() -> new NotFoundException("receiver", id)).address();
            receiver = receiver.withAddress(stored);
        }
        if (receiver.sms() != null) {
            SmsSettings stored = receivers.find(id).map(Receiver::sms).orElse(null);
            receiver = receiver.withSms(receiver.sms().keepingEndpointOf(stored));
        }
        checkAddress(receiver);
        checkSms(receiver, current.secretSet());
        if (!receivers.update(receiver)) {
            throw new NotFoundException("receiver", id);
        }
        return receivers.findView(id).orElseThrow(() -> new NotFoundException("receiver", id));
    }

    /** The receiver; 404 when unknown or of another organization. */
    @GetMapping("/{id}")
    public ReceiverView get(@PathVariable UUID id) {
        Caller caller = admin();
        return receivers.findView(id).filter(r -> caller.canAccess(r.orgId()))
                .orElseThrow(() -> new NotFoundException("receiver", id));
    }

    /** The caller's organization's receivers; a platform admin gets all, or those of {@code orgId}. */
    @GetMapping
    public List<ReceiverView> list(@RequestParam(required = false) UUID orgId) {
        return receivers.listViews(admin().listScope(orgId));
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable UUID id) {
        get(id);
        if (!receivers.delete(id)) {
            throw new NotFoundException("receiver", id);
        }
        return ResponseEntity.noContent().build();
    }

    /**
     * The channel is one of the service's and the address fits it ({@link Channels#checkAddressFormat}); a URL passes
     * the {@link UrlGuard} (400 naming {@code channel} or {@code address}).
     */
    private void checkAddress(Receiver receiver) {
        channels.checkAddressFormat(receiver);
        if (channels.secretUrl(receiver.channel())) {
            urlGuard.check("address", receiver.address(), Set.of("http", "https"));
        }
    }

    /**
     * An SMS receiver's own provider account: only on a phone channel, with its key id and the account's secret
     * (given now, or stored and kept) for Aliyun, Tencent and Twilio, with an endpoint for http (its secret, for
     * signing, optional), and an endpoint that passes the {@link UrlGuard} like a webhook's (400 otherwise).
     */
    private void checkSms(Receiver receiver, boolean secretStored) {
        SmsSettings sms = receiver.sms();
        if (sms == null) {
            return;
        }
        if (!channels.phone(receiver.channel())) {
            throw new IllegalArgumentException("sms settings are only for SMS receivers");
        }
        boolean http = "http".equals(sms.provider());
        if (!http && (sms.keyId() == null || sms.keyId().isBlank())) {
            throw new IllegalArgumentException("sms.keyId is required for provider " + sms.provider());
        }
        if (http && (sms.endpoint() == null || sms.endpoint().isBlank())) {
            throw new IllegalArgumentException("sms.endpoint is required for provider http");
        }
        boolean secret = receiver.secret() != null ? !receiver.secret().isEmpty() : secretStored;
        if (!secret && !http) {
            throw new IllegalArgumentException("secret (the SMS account's key secret or auth token) is required with"
                    + " sms settings");
        }
        if (sms.endpoint() != null && !sms.endpoint().isBlank()) {
            urlGuard.check("sms.endpoint", sms.endpoint(), Set.of("http", "https"));
        }
    }

    private static Caller admin() {
        Caller caller = Caller.current();
        caller.require(Role.ORG_ADMIN);
        return caller;
    }
}
