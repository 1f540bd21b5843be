package io.chainwatch.alert.notify;

/** Sends notifications over one channel. */
public interface Notifier {

    /** The channel name stored in the outbox, e.g. {@code email}. */
    String channel();

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
