package io.chainwatch.alert.receiver;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An SMS account's endpoint may carry a key: the API shows it masked, and sending the masked one back keeps it. */
class SmsSettingsTest {

    private static SmsSettings http(String endpoint) {
        return new SmsSettings("http", endpoint, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void theEndpointIsShownMaskedAndTheMaskedOneSentBackKeepsTheStoredOne() {
        SmsSettings stored = http("https://sms.example.com/v1/send?apikey=k3y-S3CRET&region=eu");
        assertThat(stored.masked().endpoint()).isEqualTo("https://sms.example.com/v1/send?apikey=***&region=***");
        assertThat(stored.masked().masked()).isEqualTo(stored.masked());

        assertThat(stored.masked().keepingEndpointOf(stored).endpoint()).isEqualTo(stored.endpoint());
        assertThat(http(null).keepingEndpointOf(stored).endpoint()).as("left out: unchanged").isEqualTo(stored.endpoint());
        assertThat(http("https://other.example.com/send").keepingEndpointOf(stored).endpoint())
                .as("a new endpoint replaces it").isEqualTo("https://other.example.com/send");
        assertThat(http("https://sms.example.com/plain").masked().endpoint()).isEqualTo("https://sms.example.com/plain");
    }
}
