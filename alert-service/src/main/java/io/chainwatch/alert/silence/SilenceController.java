package io.chainwatch.alert.silence;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.chainwatch.alert.problem.NotFoundException;
import io.chainwatch.security.Caller;
import io.chainwatch.security.Role;
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

/**
 * {@code /api/v1/silences}: create (kind silence or maintenance), list (current and future unless
 * {@code all=true}), read, and expire ({@code DELETE} ends it now; the row stays for the record).
 *
 * <p>Organization scope: a caller sees the silences of its own organization only (a platform admin: all, or those
 * of {@code orgId}); another organization's silence is answered 404. Creating and expiring need
 * {@link Role#OPERATOR}.
 */
@RestController
@RequestMapping("/api/v1/silences")
public class SilenceController {

    private final SilenceRepository silences;

    /** Earliest and latest time a silence may start or end. */
    static final java.time.Instant EARLIEST = java.time.Instant.parse("2000-01-01T00:00:00Z");
    static final java.time.Instant LATEST = java.time.Instant.parse("2100-01-01T00:00:00Z");

    public SilenceController(SilenceRepository silences) {
        this.silences = silences;
    }

    @PostMapping
    public ResponseEntity<Silence> create(@Valid @RequestBody Silence silence) {
        Caller caller = Caller.current();
        caller.require(Role.OPERATOR);
        silence = new Silence(silence.id(), caller.owningOrg(silence.orgId()), silence.kind(), silence.matchers(),
                silence.startsAt(), silence.endsAt(), silence.comment(),
                caller.subject()); // the actor is the caller, never a body's createdBy
        silence.matchers().forEach(m -> m.validate());
        // bounded times: a number too large for a date (1e308) must not quietly become 1970
        for (java.time.Instant t : List.of(silence.startsAt(), silence.endsAt())) {
            if (t.isBefore(EARLIEST) || t.isAfter(LATEST)) {
                throw new IllegalArgumentException("startsAt and endsAt must lie between " + EARLIEST + " and "
                        + LATEST + ", was " + t);
            }
        }
        if (!silence.endsAt().isAfter(silence.startsAt())) {
            throw new IllegalArgumentException("endsAt must be after startsAt");
        }
        Silence created = silence.withId(UUID.randomUUID());
        silences.insert(created);
        return ResponseEntity.created(URI.create("/api/v1/silences/" + created.id())).body(created);
    }

    @GetMapping("/{id}")
    public Silence get(@PathVariable UUID id) {
        Caller caller = Caller.current();
        return silences.find(id).filter(s -> caller.canAccess(s.orgId()))
                .orElseThrow(() -> new NotFoundException("silence", id));
    }

    @GetMapping
    public List<Silence> list(@RequestParam(required = false) UUID orgId,
                              @RequestParam(defaultValue = "false") boolean all) {
        return silences.list(Caller.current().listScope(orgId), all ? null : Instant.now());
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> expire(@PathVariable UUID id) {
        Caller.current().require(Role.OPERATOR);
        get(id);
        if (!silences.expire(id)) {
            throw new NotFoundException("silence", id);
        }
        return ResponseEntity.noContent().build();
    }
}
