package io.chainwatch.registry.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ETagsTest {

    @Test
    void parsesStrongWeakAndAny() {
        assertThat(ETags.of(3)).isEqualTo("\"3\"");
        assertThat(ETags.requiredVersion("\"3\"")).isEqualTo(3L);
        assertThat(ETags.requiredVersion("W/\"4\"")).isEqualTo(4L);
        assertThat(ETags.requiredVersion(" 5 ")).isEqualTo(5L);
        assertThat(ETags.requiredVersion("*")).isNull();
    }

    @Test
    void missingIsPreconditionRequiredAndOthersNeverMatch() {
        assertThatThrownBy(() -> ETags.requiredVersion(null)).isInstanceOf(PreconditionRequiredException.class);
        assertThatThrownBy(() -> ETags.requiredVersion(" ")).isInstanceOf(PreconditionRequiredException.class);
        assertThatThrownBy(() -> ETags.requiredVersion("\"abc\"")).isInstanceOf(PreconditionFailedException.class);
        assertThatThrownBy(() -> ETags.check(2L, 3, "node")).isInstanceOf(PreconditionFailedException.class)
                .hasMessageContaining("\"3\"");
        ETags.check(3L, 3, "node");
        ETags.check(null, 3, "node");
    }
}
