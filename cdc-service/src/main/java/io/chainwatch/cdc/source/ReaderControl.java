package io.chainwatch.cdc.source;

import java.util.UUID;

/** What the source API needs from whatever runs the readers. */
public interface ReaderControl {

    /** Look at the enabled sources now rather than at the next tick. */
    void refresh();

    /** Stops the reader of a source on this instance, if any, and waits for it. */
    void stop(UUID sourceId);

    /** What the reader of a source is doing on this instance. */
    SourceStatus status(UUID sourceId);
}
