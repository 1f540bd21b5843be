package io.chainwatch.events;

/** How one poll of a node went. Only {@link #OK} means the node is up. */
public enum PollOutcome {
    /** The node answered; the readings are current. */
    OK,
    /** The node did not answer within the poll timeout. */
    TIMEOUT,
    /** The connection was refused or reset, or the host is unknown. */
    REFUSED,
    /** The node answered, but not with a usable JSON-RPC response (HTML, garbage, HTTP error status). */
    BAD_RESPONSE,
    /** The node does not offer what the poll needs (e.g. the platform is not supported by the collector). */
    UNSUPPORTED,
    /**
     * The node answered, but every call the poll needs came back as a JSON-RPC error (a corrupt database, an
     * overloaded or rate-limiting provider); {@link NodeSample#error()} carries the code and message.
     */
    ERRORING
}
