package io.chainwatch.alert.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GroupMembershipTest {

    @Test
    void aConfiguredIdWins() {
        assertThat(GroupMembership.resolve(" alert-a ", "8083")).isEqualTo("alert-a");
        assertThat(GroupMembership.resolve("alert-a", "0")).isEqualTo("alert-a");
    }

    @Test
    void withoutAnIdTheHostAndHttpPortNameTheMemberAndARandomPortMeansDynamicMembership() {
        assertThat(GroupMembership.resolve("", "8083")).startsWith("alert-").endsWith("-8083");
        assertThat(GroupMembership.resolve(null, "8084")).endsWith("-8084");
        assertThat(GroupMembership.resolve("", "0")).isNull();
        assertThat(GroupMembership.resolve(" ", "")).isNull();
    }
}
