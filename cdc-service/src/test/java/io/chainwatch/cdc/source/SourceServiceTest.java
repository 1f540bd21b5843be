package io.chainwatch.cdc.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.chainwatch.cdc.secret.SecretCipher;
import io.chainwatch.security.Caller;
import io.chainwatch.security.ForbiddenException;
import io.chainwatch.security.Role;
import io.chainwatch.security.UnsafeUrlException;
import io.chainwatch.security.UrlGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Organization scoping and the order of checks: nothing connects to a source before its URL passed the guard. */
class SourceServiceTest {

    private static final UUID ORG_A = UUID.randomUUID();
    private static final UUID ORG_B = UUID.randomUUID();

    private final SourceRepository repository = mock(SourceRepository.class);
    private final SourceProbe probe = mock(SourceProbe.class);
    private final SecretCipher cipher = mock(SecretCipher.class);
    private final ReaderControl readers = mock(ReaderControl.class);
    private final UrlGuard guard = new UrlGuard(UrlGuard.Policy.PUBLIC_ONLY,
            host -> new InetAddress[] {InetAddress.getByName(host.equals("db.example.com") ? "93.184.216.34" : host)});
    private final io.chainwatch.cdc.quota.Quotas quotas = mock(io.chainwatch.cdc.quota.Quotas.class);
    private final SourceService service = new SourceService(repository, probe, cipher, readers, guard, quotas);

    @AfterEach
    void clear() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void anUnsafeHostOrParameterIsRefusedBeforeAnythingConnects() throws Exception {
        as(new Caller("user:a", ORG_A, Role.ORG_ADMIN));
        for (String url : List.of("jdbc:postgresql://127.0.0.1:5432/db", "jdbc:postgresql://db.example.com,10.0.0.1/db",
                "jdbc:postgresql://169.254.169.254/db", "jdbc:postgresql://db.example.com/db?socketFactory=x",
                "jdbc:postgresql://db.example.com/db?PGHOST=10.0.0.1")) {
            assertThatThrownBy(() -> service.create(request(null, url))).as(url)
                    .isInstanceOfSatisfying(UnsafeUrlException.class,
                            e -> assertThat(e.field()).isEqualTo("database.jdbcUrl"));
        }
        verifyNoInteractions(probe);
        verify(repository, never()).insert(any());
    }

    @Test
    void creatingNeedsOrgAdminInTheOwnOrganization() throws Exception {
        as(new Caller("user:op", ORG_A, Role.OPERATOR));
        assertThatThrownBy(() -> service.create(request(null, "jdbc:postgresql://db.example.com/db")))
                .isInstanceOf(ForbiddenException.class);
        as(new Caller("user:a", ORG_A, Role.ORG_ADMIN));
        assertThatThrownBy(() -> service.create(request(ORG_B, "jdbc:postgresql://db.example.com/db")))
                .isInstanceOf(ForbiddenException.class);
        verifyNoInteractions(probe);

        when(probe.problems(any())).thenReturn(Map.of());
        when(cipher.encrypt(anyString())).thenReturn("k1:x");
        when(cipher.fingerprint(anyString())).thenReturn("fp");
        when(readers.status(any())).thenReturn(SourceStatus.IDLE);
        assertThat(service.create(request(null, "jdbc:postgresql://db.example.com/db")).orgId()).isEqualTo(ORG_A);
    }

    @Test
    void anotherOrganizationsSourceIsNotFoundAndCannotBeDeleted() {
        CdcSource ofA = source(ORG_A);
        when(repository.find(ofA.id())).thenReturn(Optional.of(ofA));
        when(readers.status(any())).thenReturn(SourceStatus.IDLE);

        as(new Caller("user:b", ORG_B, Role.ORG_ADMIN));
        assertThatThrownBy(() -> service.get(ofA.id())).isInstanceOf(SourceNotFoundException.class);
        assertThatThrownBy(() -> service.delete(ofA.id())).isInstanceOf(SourceNotFoundException.class);
        assertThatThrownBy(() -> service.list(ORG_A)).isInstanceOf(ForbiddenException.class);
        service.list(null);
        verify(repository).list(ORG_B);

        as(new Caller("user:a-op", ORG_A, Role.OPERATOR));
        assertThat(service.get(ofA.id()).id()).isEqualTo(ofA.id());
        assertThatThrownBy(() -> service.delete(ofA.id())).isInstanceOf(ForbiddenException.class);
        verify(repository, never()).delete(any());
        verifyNoInteractions(probe);

        as(Caller.platformAdmin("user:admin"));
        service.list(null);
        verify(repository).list(null);
        service.delete(ofA.id());
        verify(repository).delete(ofA.id());
    }

    private static void as(Caller caller) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setAttribute(Caller.ATTRIBUTE, caller);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    private static SourceRequest request(UUID org, String url) {
        return new SourceRequest(org, UUID.randomUUID(), "s", new SourceRequest.Database(url, "u", "pw"), "app", "t",
                Map.of("amount", "x.amount"), List.of());
    }

    private static CdcSource source(UUID org) {
        return new CdcSource(UUID.randomUUID(), org, UUID.randomUUID(), "s", "jdbc:postgresql://db.example.com/db",
                "u", "k1:x", "fp", "app", "t", Map.of("amount", "x.amount"), List.of(), true, Instant.now());
    }
}
