package io.chainwatch.events;

import java.util.UUID;

/** Registry ids (nodes, chains, organizations, alliances) are UUIDs; this reads one from text, strictly. */
public final class RegistryIds {

    /** The length of a UUID's canonical text, {@code 8-4-4-4-12} hex digits. */
    public static final int TEXT_LENGTH = 36;

    private RegistryIds() {
    }

    /**
     * The id in {@code text}: a UUID's canonical text, hex digits in either case. Unlike {@link UUID#fromString}
     * alone, a shortened form such as {@code 1-2-3-4-5} is refused.
     *
     * @throws IllegalArgumentException when {@code text} is null or not such a text
     */
    public static UUID parse(String text) {
        if (text == null || text.length() != TEXT_LENGTH) {
            throw new IllegalArgumentException("not a UUID: " + text);
        }
        return UUID.fromString(text); // checks the dashes' places and the digits at this length
    }
}
