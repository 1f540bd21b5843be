package io.chainwatch.alert.notify.sms;

import io.chainwatch.alert.notify.Notifier;

/** One SMS provider's API: request format, signature and answer codes. */
public interface SmsProvider {

    /** Sends {@code text} to {@code phone}; {@code outId} is passed as the provider's caller reference. */
    Notifier.Result send(String phone, String text, String outId);
}
