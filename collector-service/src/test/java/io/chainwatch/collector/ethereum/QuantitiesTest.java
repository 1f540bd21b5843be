package io.chainwatch.collector.ethereum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class QuantitiesTest {

    @Test
    void parsesHexQuantities() {
        assertThat(Quantities.parse("0x0")).isEqualTo(BigInteger.ZERO);
        assertThat(Quantities.parse("0x1a")).isEqualTo(BigInteger.valueOf(26));
        assertThat(Quantities.parse("0X1A")).isEqualTo(BigInteger.valueOf(26));
        assertThat(Quantities.parse("0x7a69")).isEqualTo(BigInteger.valueOf(31337));
        assertThat(Quantities.parse("0xffffffffffffffffffff")).isEqualTo(new BigInteger("ffffffffffffffffffff", 16));
    }

    @Test
    void parsesPlainDecimalNumbers() {
        assertThat(Quantities.parse("0")).isEqualTo(BigInteger.ZERO);
        assertThat(Quantities.parse("26")).isEqualTo(BigInteger.valueOf(26));
        assertThat(Quantities.parse(" 31337 ")).isEqualTo(BigInteger.valueOf(31337));
        assertThat(Quantities.parse("10")).isNotEqualTo(Quantities.parse("0x10"));
    }

    @Test
    void readsJsonNumbers() {
        assertThat(Quantities.of(new BigDecimal("42"))).isEqualTo(BigInteger.valueOf(42));
        assertThat(Quantities.of(new BigDecimal("1700000000.0"))).isEqualTo(BigInteger.valueOf(1_700_000_000L));
    }

    @Test
    void rejectsWhatIsNotANumber() {
        for (String bad : new String[] {"", "0x", "0xg1", "1a", "-5", "12.5", "latest", "<html>"}) {
            assertThatThrownBy(() -> Quantities.parse(bad)).as(bad).isInstanceOf(NumberFormatException.class);
        }
        assertThatThrownBy(() -> Quantities.parse(null)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Quantities.of(new BigDecimal("-1"))).isInstanceOf(NumberFormatException.class);
    }
}
