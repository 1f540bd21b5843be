package io.chainwatch.alert.notify;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A delivery error is stored in the outbox row and logged: it never quotes the URL's access token. */
class HttpDeliveryErrorsTest {

    @Test
    void aMalformedUrlIsGivenUpWithoutItsToken() {
        String token = "0123456789abcdefTOKEN";
        Notifier.Result result = HttpDelivery.post("https://oapi.dingtalk.com/robot/send?access_token=" + token
                + "&x=a b", "application/json", "{}", Map.of(), body -> Notifier.Result.ok());
        assertThat(result.sent()).isFalse();
        assertThat(result.retryable()).isFalse();
        assertThat(result.error()).startsWith("bad URL https://oapi.dingtalk.com/robot/send?access_token=***")
                .contains("Illegal character").doesNotContain(token);
    }
}
