package io.chainwatch.security;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InternalTokenTest {

    private static final KeyPair GATEWAY = InternalKeys.generate();
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final InternalTokenIssuer issuer = new InternalTokenIssuer(
            InternalKeys.decodePrivate(InternalKeys.encodePrivate(GATEWAY)), Clock.fixed(NOW, ZoneOffset.UTC));

    private static InternalTokenVerifier verifierAt(Instant now, String audience, KeyPair pair) {
        return new InternalTokenVerifier(InternalKeys.decodePublic(InternalKeys.encodePublic(pair)), audience,
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aTokenCarriesTheCallerToItsService() {
        UUID org = UUID.randomUUID();
        String token = issuer.issue(new Caller("key:ab12cd34", org, Role.OPERATOR), "registry-service");

        Caller caller = verifierAt(NOW.plusSeconds(30), "registry-service", GATEWAY).verify(token);

        assertThat(caller).isEqualTo(new Caller("key:ab12cd34", org, Role.OPERATOR));
        assertThat(verifierAt(NOW, "registry-service", GATEWAY)
                .verify(issuer.issue(Caller.platformAdmin("user:admin"), "registry-service")))
                .isEqualTo(Caller.platformAdmin("user:admin"));
    }

    @Test
    void aTokenForAnotherServiceIsRefused() {
        String token = issuer.issue(Caller.platformAdmin("user:admin"), "alert-service");

        assertThatThrownBy(() -> verifierAt(NOW, "registry-service", GATEWAY).verify(token))
                .isInstanceOf(InternalTokenVerifier.InvalidTokenException.class)
                .hasMessageContaining("not for this service");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = issuer.issue(Caller.platformAdmin("user:admin"), "alert-service");

        assertThatThrownBy(() -> verifierAt(NOW.plusSeconds(66), "alert-service", GATEWAY).verify(token))
                .hasMessageContaining("expired");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        InternalTokenIssuer forger = new InternalTokenIssuer(
                (java.security.interfaces.ECPrivateKey) InternalKeys.generate().getPrivate(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        String forged = forger.issue(Caller.platformAdmin("user:mallory"), "alert-service");

        assertThatThrownBy(() -> verifierAt(NOW, "alert-service", GATEWAY).verify(forged))
                .hasMessageContaining("signature");
    }

    @Test
    void anUnsignedOrGarbageTokenIsRefused() {
        String token = issuer.issue(Caller.platformAdmin("user:admin"), "alert-service");
        String[] parts = token.split("\\.");
        String unsigned = "eyJhbGciOiJub25lIn0." + parts[1] + ".";

        InternalTokenVerifier verifier = verifierAt(NOW, "alert-service", GATEWAY);
        assertThatThrownBy(() -> verifier.verify(unsigned)).isInstanceOf(
                InternalTokenVerifier.InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verify("not-a-token")).hasMessageContaining("not a JWT");
        String tampered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "AA." + parts[2];
        assertThatThrownBy(() -> verifier.verify(tampered)).isInstanceOf(
                InternalTokenVerifier.InvalidTokenException.class);
    }

    @Test
    void theIssuerReusesATokenForHalfItsLife() {
        Caller caller = Caller.platformAdmin("user:admin");
        assertThat(issuer.issue(caller, "alert-service")).isEqualTo(issuer.issue(caller, "alert-service"));
        assertThat(issuer.issue(caller, "alert-service")).isNotEqualTo(issuer.issue(caller, "cdc-service"));
    }
}
