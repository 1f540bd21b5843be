package io.chainwatch.alert.receiver;

/**
 * What a notification channel says about its receivers' addresses. Every channel's notifier
 * ({@code notify.Notifier}) is one, so a channel added as one bean is known to receivers, their validation, masking
 * and encryption without a list to edit ({@link Channels}).
 */
public interface ChannelSpec {

    /** How receivers of a channel address it. */
    enum AddressKind {
        /** an e-mail address */
        EMAIL,
        /** a phone number (E.164, the {@code +} optional) */
        PHONE,
        /** an http(s) URL ChainWatch sends to; it carries the receiver's access token, so it is a secret */
        SECRET_URL
    }

    /** The channel name stored in receivers and the outbox, e.g. {@code email}. */
    String channel();

    /** How this channel's receivers are addressed. */
    AddressKind addressKind();

    /**
     * A secret URL's path with the part that is the secret masked, for channels whose path carries it (Slack's
     * {@code /services/...}); by default the path as it is (query values, key-like segments and user info are masked
     * for every secret URL).
     */
    default String maskedPath(String path) {
        return path;
    }
}
