package io.chainwatch.registry.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The conformance kit's exchanges never carry a platform's secrets. */
class TemplateAdapterMaskTest {

    @Test
    void everySecretOfTheTargetIsMaskedInABody() {
        TemplateAdapter.Target target = new TemplateAdapter.Target("http://x", "AK_SK", null, "AK-visible-key",
                "SK-very-secret", null, null, null);
        assertThat(TemplateAdapter.mask(target, "{\"echo\": \"SK-very-secret\", \"ak\": \"AK-visible-key\"}"))
                .isEqualTo("{\"echo\": \"****\", \"ak\": \"****\"}");
        assertThat(TemplateAdapter.mask(target, null)).isNull();
        TemplateAdapter.Target token = new TemplateAdapter.Target("http://x", "TOKEN", "tok-123456", null, null, null,
                null, null);
        assertThat(TemplateAdapter.mask(token, "Bearer tok-123456 echoed")).isEqualTo("Bearer **** echoed");
    }
}
