package io.chainwatch.alert.evaluate;

import java.time.Instant;
import java.util.List;

import io.chainwatch.alert.alert.AlertStatus;

/**
 * What a rule would have done over the recent samples.
 *
 * @param wouldHaveFired whether it would have fired at least once
 * @param samples        how many samples were replayed
 * @param from           poll time of the oldest replayed sample, null when none
 * @param to             end of the replay
 * @param transitions    the transitions it would have made, in order
 */
public record DryRun(boolean wouldHaveFired, int samples, Instant from, Instant to, List<Step> transitions) {

    /** One transition of the replay. */
    public record Step(AlertStatus status, Instant at, String nodeId, String nodeName, String summary) {
    }
}
