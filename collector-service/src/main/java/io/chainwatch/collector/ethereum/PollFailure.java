package io.chainwatch.collector.ethereum;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.ProtocolException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.chainwatch.events.PollOutcome;
import org.web3j.protocol.exceptions.ClientConnectionException;

/**
 * A failed poll: its outcome and a plain-words message. {@link #classify} sorts what web3j / OkHttp throw:
 * no answer in time → TIMEOUT; refused, reset, closed or unknown host → REFUSED; an answer that is not a
 * JSON-RPC answer (HTTP error status, HTML, garbage) → BAD_RESPONSE.
 */
public record PollFailure(PollOutcome outcome, String message) {

    private static final Pattern HTTP_STATUS = Pattern.compile("Invalid response received: (\\d{3});");
    private static final int MAX_DETAIL = 160;

    /** Thrown by the probe when an answer arrived but does not make sense (e.g. a number that is not one). */
    public static class MalformedAnswerException extends RuntimeException {
        public MalformedAnswerException(String message) {
            super(message);
        }
    }

    /** Classifies what sending the batch to {@code url} threw. */
    public static PollFailure classify(Throwable error, String url, Duration timeout) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            PollFailure known = known(t, url, timeout);
            if (known != null) {
                return known;
            }
        }
        if (error instanceof IOException) {
            return new PollFailure(PollOutcome.REFUSED, "could not reach " + url + ": " + detail(error));
        }
        return new PollFailure(PollOutcome.BAD_RESPONSE, "unusable answer from " + url + ": " + detail(error));
    }

    private static PollFailure known(Throwable t, String url, Duration timeout) {
        if (t instanceof MalformedAnswerException) {
            return new PollFailure(PollOutcome.BAD_RESPONSE, t.getMessage());
        }
        if (t instanceof ResponseSizeLimit.TooLargeException) {
            return new PollFailure(PollOutcome.BAD_RESPONSE, url + " sent an " + t.getMessage() + "; not read further");
        }
        if (t instanceof InterruptedIOException) {
            // SocketTimeoutException (connect / read) and OkHttp's call timeout
            return new PollFailure(PollOutcome.TIMEOUT, "no answer from " + url + " within " + human(timeout));
        }
        if (t instanceof UnknownHostException) {
            return new PollFailure(PollOutcome.REFUSED, "unknown host in " + url + ": " + detail(t));
        }
        if (t instanceof ConnectException) {
            return new PollFailure(PollOutcome.REFUSED, "connection to " + url + " refused (" + detail(t) + ")");
        }
        if (t instanceof JsonProcessingException json) {
            return new PollFailure(PollOutcome.BAD_RESPONSE,
                    url + " did not answer with JSON-RPC: " + abbreviate(json.getOriginalMessage()));
        }
        if (t instanceof ClientConnectionException) {
            Matcher m = HTTP_STATUS.matcher(String.valueOf(t.getMessage()));
            String status = m.find() ? "HTTP status " + m.group(1) : detail(t);
            return new PollFailure(PollOutcome.BAD_RESPONSE, url + " answered with " + status);
        }
        if (t instanceof ProtocolException) {
            return new PollFailure(PollOutcome.BAD_RESPONSE, url + " did not answer with valid HTTP: " + detail(t));
        }
        if (t instanceof SocketException || t instanceof EOFException) {
            return new PollFailure(PollOutcome.REFUSED, "connection to " + url + " was reset or closed by the node");
        }
        if (t instanceof ClassCastException || t instanceof IndexOutOfBoundsException) {
            // web3j reads a batch answer as a JSON array with one answer per request
            return new PollFailure(PollOutcome.BAD_RESPONSE,
                    url + " did not answer the batch request with one JSON-RPC answer per request");
        }
        return null;
    }

    private static String detail(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : abbreviate(message);
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "...";
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
