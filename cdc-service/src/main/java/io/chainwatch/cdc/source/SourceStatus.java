package io.chainwatch.cdc.source;

import java.time.Instant;

/**
 * What the reader of a source is doing on this instance.
 *
 * @param state       IDLE (no reader here: another instance may hold it), CONNECTING, STREAMING, RETRYING
 * @param lastError   the last connection or decoding error, in plain words
 * @param lastCommitAt commit time of the last source transaction turned into samples
 * @param rows        rows turned into samples since this instance started reading
 */
public record SourceStatus(String state, String lastError, Instant lastCommitAt, long rows) {

    public static final SourceStatus IDLE = new SourceStatus("IDLE", null, null, 0);
}
