package io.chainwatch.security;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallerTest {

    private final UUID mine = UUID.randomUUID();
    private final UUID theirs = UUID.randomUUID();
    private final Caller operator = new Caller("key:1", mine, Role.OPERATOR);
    private final Caller admin = Caller.platformAdmin("user:admin");

    @Test
    void anOrganizationMemberListsAndCreatesInItsOwnOrganizationOnly() {
        assertThat(operator.listScope(null)).isEqualTo(mine);
        assertThat(operator.listScope(mine)).isEqualTo(mine);
        assertThatThrownBy(() -> operator.listScope(theirs)).isInstanceOf(ForbiddenException.class);
        assertThat(operator.owningOrg(null)).isEqualTo(mine);
        assertThatThrownBy(() -> operator.owningOrg(theirs)).isInstanceOf(ForbiddenException.class);
        assertThat(operator.canAccess(mine)).isTrue();
        assertThat(operator.canAccess(theirs)).isFalse();
        assertThat(operator.canAccess(null)).isFalse();
    }

    @Test
    void aPlatformAdminSeesEveryOrganizationButMustNameOneToCreate() {
        assertThat(admin.listScope(null)).isNull();
        assertThat(admin.listScope(theirs)).isEqualTo(theirs);
        assertThat(admin.owningOrg(theirs)).isEqualTo(theirs);
        assertThatThrownBy(() -> admin.owningOrg(null)).hasMessageContaining("orgId is required");
        assertThat(admin.canAccess(theirs)).isTrue();
    }

    @Test
    void rolesAreOrdered() {
        assertThat(Role.ORG_ADMIN.atLeast(Role.OPERATOR)).isTrue();
        assertThat(Role.VIEWER.atLeast(Role.OPERATOR)).isFalse();
        assertThatThrownBy(() -> new Caller("key:1", mine, Role.VIEWER).require(Role.OPERATOR))
                .isInstanceOf(ForbiddenException.class);
        assertThat(Role.parse("org-admin")).isEqualTo(Role.ORG_ADMIN);
        assertThatThrownBy(() -> Role.parse("root")).hasMessageContaining("unknown role");
        assertThatThrownBy(() -> new Caller("key:1", null, Role.ORG_ADMIN))
                .hasMessageContaining("must belong to an organization");
    }
}
