package io.chainwatch.alert.receiver;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How the API shows a receiver's URL: the access token masked whichever way the channel carries it. */
class ReceiverViewTest {

    @Test
    void accessTokensAreMaskedPerChannel() {
        assertThat(ReceiverView.maskedAddress("slack",
                "https://hooks.slack.com/services/T0ABCDEF/B0GHIJKL/xoxbSecretToken123456"))
                .isEqualTo("https://hooks.slack.com/services/***");
        assertThat(ReceiverView.maskedAddress("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=abc123"))
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=***");
        assertThat(ReceiverView.maskedAddress("wecom",
                "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx&debug=1"))
                .isEqualTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***&debug=***");
        assertThat(ReceiverView.maskedAddress("webhook",
                "https://discord.com/api/webhooks/1234567890/AbCdEfGhIjKlMnOpQrStUv_wxyz0123#frag"))
                .isEqualTo("https://discord.com/api/webhooks/1234567890/***");
        assertThat(ReceiverView.maskedAddress("webhook", "https://hooks.example.com/alerts?bare0token"))
                .isEqualTo("https://hooks.example.com/alerts?***");
        assertThat(ReceiverView.maskedAddress("webhook", "https://user:pw@hooks.example.com/alerts"))
                .isEqualTo("https://***@hooks.example.com/alerts");
        assertThat(ReceiverView.maskedAddress("webhook", "https://hooks.example.com/chainwatch"))
                .as("nothing secret-looking: as it is").isEqualTo("https://hooks.example.com/chainwatch");
    }

    @Test
    void otherChannelsAsTheyAreAndMaskingTwiceChangesNothing() {
        assertThat(ReceiverView.maskedAddress("email", "ops@acme.example")).isEqualTo("ops@acme.example");
        assertThat(ReceiverView.maskedAddress("sms", "+8613800000001")).isEqualTo("+8613800000001");
        for (String[] c : List.of(
                new String[] {"slack", "https://hooks.slack.com/services/T0ABCDEF/B0GHIJKL/xoxbSecretToken123456"},
                new String[] {"wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6&x"},
                new String[] {"webhook", "https://user:pw@discord.com/api/webhooks/1/AbCdEfGhIjKlMnOpQrStUv_wxyz0123"})) {
            String once = ReceiverView.maskedAddress(c[0], c[1]);
            assertThat(ReceiverView.maskedAddress(c[0], once)).as(c[1]).isEqualTo(once);
        }
    }
}
