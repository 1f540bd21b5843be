package io.chainwatch.registry.nodestatus;

import java.util.Locale;

import io.chainwatch.events.PollOutcome;

/** A node's state, as its samples show it. Written in lower case in the API and the tables. */
public enum NodeState {
    /** The latest poll was OK. */
    UP,
    /** The node answers, but every call of the poll with a JSON-RPC error. */
    ERRORING,
    /** No answer in time, connection refused or reset, or an answer that is not JSON-RPC. */
    UNREACHABLE,
    /** The collector cannot poll it (platform not supported, not an http(s) URL). */
    UNSUPPORTED,
    /** No sample for three poll intervals: the collector does not poll it (or cannot publish). */
    NO_DATA;

    static NodeState of(PollOutcome outcome) {
        return switch (outcome) {
            case OK -> UP;
            case ERRORING -> ERRORING;
            case TIMEOUT, REFUSED, BAD_RESPONSE -> UNREACHABLE;
            case UNSUPPORTED -> UNSUPPORTED;
        };
    }

    /** As written in the API and the tables. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    static NodeState parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
