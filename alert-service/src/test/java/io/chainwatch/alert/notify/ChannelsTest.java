package io.chainwatch.alert.notify;

import java.util.List;

import io.chainwatch.alert.notify.dingtalk.DingTalkNotifier;
import io.chainwatch.alert.notify.sms.SmsNotifier;
import io.chainwatch.alert.notify.sms.SmsProperties;
import io.chainwatch.alert.notify.slack.SlackNotifier;
import io.chainwatch.alert.notify.webhook.WebhookNotifier;
import io.chainwatch.alert.notify.wecom.WeComNotifier;
import io.chainwatch.alert.receiver.ChannelSpec;
import io.chainwatch.alert.receiver.Channels;
import io.chainwatch.alert.receiver.Receiver;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The channels as receivers know them, from the notifier beans themselves: how the API shows a receiver's URL (the
 * access token masked whichever way the channel carries it), which addresses are secret URLs, and that a channel
 * added as one bean is a channel receivers may name.
 */
class ChannelsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** E-mail as the channel describes itself, without a mail server (its notifier needs one to be built). */
    private static final ChannelSpec EMAIL = new ChannelSpec() {
        @Override
        public String channel() {
            return "email";
        }

        @Override
        public AddressKind addressKind() {
            return AddressKind.EMAIL;
        }
    };

    private final Channels channels = new Channels(List.of(EMAIL,
            new SmsNotifier(new SmsProperties("none", "", "", "", "ChainWatch", "", "content", "", "", 10, 300, "", "", ""), JSON, null),
            new WebhookNotifier(JSON, null), new DingTalkNotifier(JSON, null), new WeComNotifier(JSON),
            new SlackNotifier(JSON)));

    @Test
    void accessTokensAreMaskedPerChannel() {
        assertThat(channels.maskedAddress("slack",
                "https://hooks.slack.com/services/T0ABCDEF/B0GHIJKL/xoxbSecretToken123456"))
                .isEqualTo("https://hooks.slack.com/services/***");
        assertThat(channels.maskedAddress("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=abc123"))
                .isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=***");
        assertThat(channels.maskedAddress("wecom",
                "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx&debug=1"))
                .isEqualTo("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=***&debug=***");
        assertThat(channels.maskedAddress("webhook",
                "https://discord.com/api/webhooks/1234567890/AbCdEfGhIjKlMnOpQrStUv_wxyz0123#frag"))
                .isEqualTo("https://discord.com/api/webhooks/1234567890/***");
        assertThat(channels.maskedAddress("webhook", "https://hooks.example.com/alerts?bare0token"))
                .isEqualTo("https://hooks.example.com/alerts?***");
        assertThat(channels.maskedAddress("webhook", "https://user:pw@hooks.example.com/alerts"))
                .isEqualTo("https://***@hooks.example.com/alerts");
        assertThat(channels.maskedAddress("webhook", "https://hooks.example.com/chainwatch"))
                .as("nothing secret-looking: as it is").isEqualTo("https://hooks.example.com/chainwatch");
    }

    @Test
    void otherChannelsAsTheyAreAndMaskingTwiceChangesNothing() {
        assertThat(channels.maskedAddress("email", "ops@acme.example")).isEqualTo("ops@acme.example");
        assertThat(channels.maskedAddress("sms", "+8613800000001")).isEqualTo("+8613800000001");
        for (String[] c : List.of(
                new String[] {"slack", "https://hooks.slack.com/services/T0ABCDEF/B0GHIJKL/xoxbSecretToken123456"},
                new String[] {"wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6&x"},
                new String[] {"webhook", "https://user:pw@discord.com/api/webhooks/1/AbCdEfGhIjKlMnOpQrStUv_wxyz0123"})) {
            String once = channels.maskedAddress(c[0], c[1]);
            assertThat(channels.maskedAddress(c[0], once)).as(c[1]).isEqualTo(once);
        }
    }

    @Test
    void theChannelsAreTheBeansAndAChannelAddedAsOneBeanIsAccepted() {
        assertThat(channels.names()).containsExactly("dingtalk", "email", "slack", "sms", "webhook", "wecom");
        assertThat(channels.secretUrlChannels()).containsExactly("dingtalk", "slack", "webhook", "wecom");

        ChannelSpec teams = new ChannelSpec() {
            @Override
            public String channel() {
                return "teams";
            }

            @Override
            public AddressKind addressKind() {
                return AddressKind.SECRET_URL;
            }
        };
        Channels withTeams = new Channels(List.of(EMAIL, teams));
        Receiver r = new Receiver(null, null, "t", "teams", "https://acme.webhook.office.com/webhookb2/x?sig=abc", "en",
                null, List.of(), List.of(), 0, true, null);
        withTeams.checkAddressFormat(r);
        assertThat(withTeams.secretUrl("teams")).isTrue();
        assertThat(withTeams.view(r, null).address()).isEqualTo("https://acme.webhook.office.com/webhookb2/x?sig=***");
        assertThatThrownBy(() -> channels.checkAddressFormat(r)).hasMessage(
                "channel must be one of dingtalk, email, slack, sms, webhook, wecom");
        assertThatThrownBy(() -> new Channels(List.of(EMAIL, EMAIL))).hasMessageContaining("two channels named email");
    }

    @Test
    void addressesAreCheckedByWhatTheChannelExpects() {
        assertThatThrownBy(() -> channels.checkAddressFormat(receiver("email", "not-an-address")))
                .hasMessage("address must be an e-mail address for channel email");
        assertThatThrownBy(() -> channels.checkAddressFormat(receiver("sms", "call me")))
                .hasMessage("address must be a phone number for channel sms");
        channels.checkAddressFormat(receiver("sms", "+8613800000001"));
        channels.checkAddressFormat(receiver("email", "ops@acme.example"));
    }

    private static Receiver receiver(String channel, String address) {
        return new Receiver(null, null, "r", channel, address, "en", null, List.of(), List.of(), 0, true, null);
    }
}
