package io.chainwatch.alert.notify;

import java.util.Map;
import java.util.function.Function;
import java.util.function.IntPredicate;

import io.chainwatch.alert.receiver.Receiver;
import io.chainwatch.alert.receiver.ReceiverRepository;
import io.chainwatch.security.UrlGuard;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Common base of the channels that POST a JSON body to the receiver's URL (generic webhook, DingTalk, WeCom,
 * Slack). It holds what they share and nothing of their formats: the channel name, the JSON mapper, the
 * {@link UrlGuard} that checks the receiver's host again at send time, the lookup of a receiver's signing secret,
 * the POST itself ({@link HttpDelivery}: HTTP status to retryable / permanent failure) and the reading of a chat
 * robot's {@code {"errcode": ..., "errmsg": ...}} answer. Each channel still builds its own body, signature and
 * result mapping.
 */
public abstract class JsonPostNotifier implements Notifier {

    private final String channel;
    /** Writes the channels' bodies and reads their answers. */
    protected final JsonMapper json;
    private final ReceiverRepository receivers;
    private final UrlGuard urlGuard;

    /**
     * @param channel   the channel name ({@link #channel()})
     * @param json      the JSON mapper
     * @param receivers where signing secrets are looked up; null for a channel that signs nothing
     * @param urlGuard  checks where the receiver's host resolves to before each POST; null: no check (tests of the
     *                  message formats)
     */
    protected JsonPostNotifier(String channel, JsonMapper json, ReceiverRepository receivers, UrlGuard urlGuard) {
        this.channel = channel;
        this.json = json;
        this.receivers = receivers;
        this.urlGuard = urlGuard;
    }

    @Override
    public final String channel() {
        return channel;
    }

    /** The receivers' addresses are the URLs posted to, carrying their access token. */
    @Override
    public final AddressKind addressKind() {
        return AddressKind.SECRET_URL;
    }

    /**
     * The signing secret of the receiver {@code n} goes to, or null when it goes to no receiver (a rule's own
     * recipients) or the receiver has no secret (none or empty).
     */
    protected final String signingSecret(Notification n) {
        String secret = n.receiverId() == null ? null
                : receivers.find(n.receiverId()).map(Receiver::secret).orElse(null);
        return secret == null || secret.isEmpty() ? null : secret;
    }

    /**
     * POSTs {@code body} to {@code url} through {@link HttpDelivery}, after the send-time address check; on a 2xx
     * answer returns {@code onSuccess} applied to the response body.
     */
    protected final Result post(String url, String contentType, String body, Map<String, String> headers,
                                Function<String, Result> onSuccess) {
        return HttpDelivery.post(url, contentType, body, headers, onSuccess, urlGuard);
    }

    /**
     * Reads a chat robot's 2xx answer {@code {"errcode": ..., "errmsg": ...}}: {@code errcode} 0 is delivered; any
     * other code (-2 when there is none) fails with {@code "<robot> errcode <code>: <errmsg>"}, retried when
     * {@code retryable} holds for the code.
     */
    protected final Result errcodeAnswer(String body, String robot, IntPredicate retryable) {
        JsonNode answer = json.readTree(body);
        int code = answer.path("errcode").asInt(-2);
        if (code == 0) {
            return Result.ok();
        }
        String error = robot + " errcode " + code + ": " + answer.path("errmsg").asString("");
        return retryable.test(code) ? Result.retry(error) : Result.giveUp(error);
    }
}
