package io.chainwatch.security;

import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Verifies internal tokens (the services' half): ES256 signature by the gateway's key, issuer, this service as the
 * audience, not expired (a few seconds of clock skew allowed), and well-formed caller claims. A verified token is
 * remembered until it expires, since the gateway reuses tokens.
 */
public final class InternalTokenVerifier {

    /** The {@code iss} of every internal token. */
    public static final String ISSUER = "chainwatch-gateway";

    /** The request header carrying the token. */
    public static final String HEADER = "X-ChainWatch-Internal-Token";

    private static final Duration SKEW = Duration.ofSeconds(5);
    private static final int CACHE_LIMIT = 10_000;

    private final ECDSAVerifier verifier;
    private final String audience;
    private final Clock clock;
    private final ConcurrentHashMap<String, Verified> cache = new ConcurrentHashMap<>();

    public InternalTokenVerifier(ECPublicKey key, String audience) {
        this(key, audience, Clock.systemUTC());
    }

    public InternalTokenVerifier(ECPublicKey key, String audience, Clock clock) {
        try {
            this.verifier = new ECDSAVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the internal-token key is not an EC P-256 key", e);
        }
        this.audience = audience;
        this.clock = clock;
    }

    /** The caller the token vouches for; {@link InvalidTokenException} saying why not otherwise. */
    public Caller verify(String token) {
        Instant now = clock.instant();
        Verified known = cache.get(token);
        if (known != null) {
            if (now.isBefore(known.expires.plus(SKEW))) {
                return known.caller;
            }
            cache.remove(token);
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("the internal token is not a JWT");
        }
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException("the internal token is not signed with ES256");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("the internal token's signature is not the gateway's");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("the internal token's signature cannot be checked");
        }
        if (!ISSUER.equals(claims.getIssuer())) {
            throw new InvalidTokenException("the internal token has the wrong issuer");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(audience)) {
            throw new InvalidTokenException("the internal token is not for this service (" + audience + ")");
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null || !now.isBefore(expiry.toInstant().plus(SKEW))) {
            throw new InvalidTokenException("the internal token has expired");
        }
        Date issued = claims.getIssueTime();
        if (issued == null || issued.toInstant().isAfter(now.plus(SKEW))
                || Duration.between(issued.toInstant(), expiry.toInstant())
                .compareTo(InternalTokenIssuer.LIFETIME.plus(SKEW)) > 0) {
            throw new InvalidTokenException("the internal token's lifetime is not acceptable");
        }
        Caller caller = caller(claims);
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(token, new Verified(caller, expiry.toInstant()));
        return caller;
    }

    private static Caller caller(JWTClaimsSet claims) {
        try {
            Role role = Role.valueOf(String.valueOf(claims.getStringClaim("role")));
            String org = claims.getStringClaim("org");
            return new Caller(claims.getSubject() == null ? "" : claims.getSubject(),
                    org == null ? null : UUID.fromString(org), role);
        } catch (ParseException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidTokenException("the internal token's caller claims are malformed");
        }
    }

    private record Verified(Caller caller, Instant expires) {
    }

    /** The token is missing, forged, expired or for another service. */
    public static final class InvalidTokenException extends RuntimeException {
        public InvalidTokenException(String message) {
            super(message);
        }
    }
}
