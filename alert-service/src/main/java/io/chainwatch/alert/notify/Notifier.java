package io.chainwatch.alert.notify;

import java.util.List;

import io.chainwatch.alert.lifecycle.AlertEvent;
import io.chainwatch.alert.receiver.ChannelSpec;
import io.chainwatch.alert.receiver.Receiver;

/**
 * One channel: renders a group of alert events for a receiver, and sends a rendered notification; as a {@link
 * ChannelSpec} it also says how its receivers are addressed. A channel is one such bean in its own folder.
 */
public interface Notifier extends ChannelSpec {

    /**
     * The message announcing {@code events} (one group: same organization, chain, rule and kind; one per node)
     * to {@code receiver}, in the receiver's locale.
     */
    Message render(List<AlertEvent> events, Receiver receiver);

    /**
     * A notice that is not about one alert group (a meta-alert: another channel keeps failing; an SMS rate limit
     * summary), in this channel's format.
     */
    default Message notice(String subject, String text, Receiver receiver) {
        return new Message(subject, text, null);
    }

    /** Sends one notification; never throws. */
    Result send(Notification notification);

    /**
     * How sending went.
     *
     * @param sent      whether the message was handed over
     * @param retryable when not sent: whether trying again later may succeed (e.g. the server is down)
     * @param error     when not sent: what went wrong
     */
    record Result(boolean sent, boolean retryable, String error) {

        public static Result ok() {
            return new Result(true, false, null);
        }

        public static Result retry(String error) {
            return new Result(false, true, error);
        }

        public static Result giveUp(String error) {
            return new Result(false, false, error);
        }
    }
}
