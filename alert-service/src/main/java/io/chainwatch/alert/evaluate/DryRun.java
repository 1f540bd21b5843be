package io.chainwatch.alert.evaluate;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.chainwatch.alert.lifecycle.AlertStatus;

/**
 * What a rule would have done over the recent samples.
 *
 * @param wouldHaveFired whether it would have fired at least once
 * @param samples        how many samples were replayed
 * @param from           poll time of the oldest replayed sample, null when none
 * @param to             end of the replay
 * @param transitions    the transitions it would have made, in order
 * @param notes          what the rule's type says about it on these chains, in plain words (e.g. that it can never
 *                       fire because none of the chain's nodes offers the reading it needs); empty when nothing
 */
public record DryRun(boolean wouldHaveFired, int samples, Instant from, Instant to, List<Step> transitions,
                     List<String> notes) {

    public DryRun {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public DryRun(boolean wouldHaveFired, int samples, Instant from, Instant to, List<Step> transitions) {
        this(wouldHaveFired, samples, from, to, transitions, List.of());
    }

    /** One transition of the replay. */
    public record Step(AlertStatus status, Instant at, UUID nodeId, String nodeName, String summary) {
    }
}
