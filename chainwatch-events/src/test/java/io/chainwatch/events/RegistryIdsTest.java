package io.chainwatch.events;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegistryIdsTest {

    @Test
    void readsAUuidsCanonicalTextInEitherCaseAndNothingElse() {
        UUID id = UUID.fromString("0b1e6d1c-58a4-4e8f-b1f4-7d7e2c1f0a33");
        assertThat(RegistryIds.parse(id.toString())).isEqualTo(id);
        assertThat(RegistryIds.parse(id.toString().toUpperCase(Locale.ROOT))).isEqualTo(id);
        for (String bad : List.of("1-2-3-4-5", "node-1", "", id + "0", id.toString().replace('-', '_'),
                id.toString().replace('b', 'x'), "0b1e6d1c58a4-4e8f-b1f4-7d7e2c1f0a33-")) {
            assertThatThrownBy(() -> RegistryIds.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> RegistryIds.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
