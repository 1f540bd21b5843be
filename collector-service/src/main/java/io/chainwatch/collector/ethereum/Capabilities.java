package io.chainwatch.collector.ethereum;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
/**
 * What one node offers. A JSON-RPC error that says the method is not there ({@code -32601} method not found,
 * {@code -32004} method not supported (EIP-1474), or a message saying "not supported", "does not exist",
 * "not available", "disabled", ...) makes the method unsupported: it is left out of the node's batches and
 * its readings are listed as unsupported, and it is asked again after {@link #RECHECK}. Any other error is a
 * failure of that one reading.
 */
final class Capabilities {

    /** How long a method found unsupported is left out before it is asked again (a node may be reconfigured). */
    static final Duration RECHECK = Duration.ofMinutes(10);

    private static final Pattern UNSUPPORTED_MESSAGE = Pattern.compile(
            "not supported|unsupported|does not exist|doesn't exist|not available|method not found|not implemented"
                    + "|disabled|not enabled|unknown method|no such method");

    private final Map<String, Long> unsupportedUntilNanos = new ConcurrentHashMap<>();

    /** Whether an RPC error (its code and message) means the method is not offered (rather than that it failed). */
    static boolean meansUnsupported(int code, String message) {
        if (code == -32601 || code == -32004) {
            return true;
        }
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return UNSUPPORTED_MESSAGE.matcher(text).find();
    }

    /** Whether to ask the node for {@code method} in this poll. */
    boolean ask(String method, long nowNanos) {
        Long until = unsupportedUntilNanos.get(method);
        if (until == null) {
            return true;
        }
        if (nowNanos - until >= 0) {
            unsupportedUntilNanos.remove(method);
            return true;
        }
        return false;
    }

    /** The node answered that it does not offer {@code method}. */
    void unsupported(String method, long nowNanos) {
        unsupportedUntilNanos.put(method, nowNanos + RECHECK.toNanos());
    }
}
