package io.chainwatch.alert.silence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chainwatch.alert.rule.LabelMatcher;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A silence or a maintenance window of one organization: while {@code startsAt <= now < endsAt}, alerts whose
 * labels match every matcher are recorded but not announced. When it ends, alerts still firing are announced.
 * Kind {@code maintenance} is a planned window (typically matching a chain or node); {@code silence} is ad hoc.
 */
public record Silence(
        UUID id,
        UUID orgId,
        @Pattern(regexp = "silence|maintenance", message = "must be silence or maintenance") String kind,
        @NotEmpty @Size(max = 20) List<@Valid LabelMatcher> matchers,
        @NotNull Instant startsAt,
        @NotNull Instant endsAt,
        @Size(max = 1000) String comment,
        @Size(max = 200) String createdBy) {

    public Silence {
        kind = kind == null ? "silence" : kind;
        matchers = matchers == null ? null : List.copyOf(matchers);
    }

    public boolean activeAt(Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(endsAt);
    }

    public boolean matches(Map<String, String> labels) {
        return LabelMatcher.all(matchers, labels);
    }

    public Silence withId(UUID newId) {
        return new Silence(newId, orgId, kind, matchers, startsAt, endsAt, comment, createdBy);
    }
}
