package io.chainwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ControlCharactersTest {

    @Test
    void escapedControlCharactersInJsonAreFoundAndEscapedBackslashesAreNot() {
        assertThat(ControlCharacters.findEscaped("{\"name\":\"a\\u0000b\"}")).isZero();
        assertThat(ControlCharacters.findEscaped("{\"name\":\"a\\u001B[31m\"}")).isEqualTo(0x1b);
        assertThat(ControlCharacters.findEscaped("{\"name\":\"\\u007f\"}")).isEqualTo(0x7f);
        // a literal backslash followed by u0000 is text
        assertThat(ControlCharacters.findEscaped("{\"name\":\"a\\\\u0000b\"}")).isEqualTo(-1);
        // tab, line feed, carriage return are allowed (PEM, templates)
        assertThat(ControlCharacters.findEscaped("{\"pem\":\"-----BEGIN\\n\\tx\\r\\u000a\\u0009\"}")).isEqualTo(-1);
        assertThat(ControlCharacters.findEscaped("{\"name\":\"\\u00e9\\u4e2d\"}")).isEqualTo(-1);
        assertThat(ControlCharacters.findEscaped("{\"name\":\"\\uzzzz\"}")).isEqualTo(-1);
        assertThat(ControlCharacters.findEscaped("\\u00")).isEqualTo(-1);
    }

    @Test
    void theFieldHoldingTheControlCharacterIsNamed() {
        assertThat(ControlCharacters.findInJson("{\"name\":\"a\\u0000b\"}"))
                .isEqualTo(new ControlCharacters.Found("name", 0));
        assertThat(ControlCharacters.findInJson("{\"options\":{\"match\":[{\"value\":\"x\\u0001\"}]}}"))
                .isEqualTo(new ControlCharacters.Found("options.match.0.value", 1));
        assertThat(ControlCharacters.findInJson("{\"ok\":\"fine\\n\"}")).isNull();
        assertThat(ControlCharacters.findInJson("{not json \\u0000")).isEqualTo(new ControlCharacters.Found(null, 0));
    }

    @Test
    void rawControlCharactersAreFound() {
        assertThat(ControlCharacters.find("ok\tline\n")).isEqualTo(-1);
        assertThat(ControlCharacters.find("a\u0000")).isZero();
        assertThat(ControlCharacters.find("\u0085")).isEqualTo(-1);
    }
}
