package io.chainwatch.cdc.source;

import java.time.Instant;

/**
 * What the reader of a source is doing on this instance.
 *
 * @param state       IDLE (no reader here: another instance may hold it), CONNECTING, STREAMING, RETRYING, or PAUSED
 *                    (the organization is deactivated: no instance reads the source, its slot is kept)
 * @param lastError   the last connection or decoding error, in plain words
 * @param lastCommitAt commit time of the last source transaction turned into samples
 * @param rows        rows turned into samples since this instance started reading
 */
public record SourceStatus(String state, String lastError, Instant lastCommitAt, long rows) {

    public static final SourceStatus IDLE = new SourceStatus("IDLE", null, null, 0);

    /** A source of a deactivated organization. */
    public static final SourceStatus PAUSED = new SourceStatus("PAUSED", "the organization is deactivated", null, 0);
}
