package io.chainwatch.security;

import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Signs internal tokens (the gateway's half). A token names the caller ({@code sub}), its organization
 * ({@code org}), its role ({@code role}) and the one service it is for ({@code aud}), and lives {@link #LIFETIME}.
 * Signing costs a fraction of a millisecond, so a token is reused for the same caller and service until half its
 * life is over.
 */
public final class InternalTokenIssuer {

    /** How long a token is valid. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);

    private static final int CACHE_LIMIT = 10_000;

    private final ECDSASigner signer;
    private final Clock clock;
    private final ConcurrentHashMap<String, Issued> cache = new ConcurrentHashMap<>();

    public InternalTokenIssuer(ECPrivateKey key) {
        this(key, Clock.systemUTC());
    }

    public InternalTokenIssuer(ECPrivateKey key, Clock clock) {
        try {
            this.signer = new ECDSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the internal-token key is not an EC P-256 key", e);
        }
        this.clock = clock;
    }

    /** A token for {@code caller} to call {@code audience} (the service's name: registry, alert, cdc). */
    public String issue(Caller caller, String audience) {
        Instant now = clock.instant();
        String cacheKey = caller.subject() + '|' + caller.orgId() + '|' + caller.role() + '|' + audience;
        Issued issued = cache.get(cacheKey);
        if (issued != null && now.isBefore(issued.reuseUntil)) {
            return issued.token;
        }
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear(); // simplest bound: tokens are cheap to re-sign
        }
        String token = sign(caller, audience, now);
        cache.put(cacheKey, new Issued(token, now.plus(LIFETIME.dividedBy(2))));
        return token;
    }

    private String sign(Caller caller, String audience, Instant now) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(InternalTokenVerifier.ISSUER)
                .subject(caller.subject())
                .audience(audience)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .claim("role", caller.role().name());
        if (caller.orgId() != null) {
            claims.claim("org", caller.orgId().toString());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign an internal token", e);
        }
        return jwt.serialize();
    }

    private record Issued(String token, Instant reuseUntil) {
    }
}
