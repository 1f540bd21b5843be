package io.chainwatch.testkit;

import java.security.KeyPair;
import java.util.UUID;

import io.chainwatch.security.Caller;
import io.chainwatch.security.InternalKeys;
import io.chainwatch.security.InternalTokenIssuer;
import io.chainwatch.security.InternalTokenVerifier;
import io.chainwatch.security.Role;

/**
 * Plays the gateway in a service's tests: one internal-token key pair per test JVM. Give the service
 * {@link #PUBLIC_KEY_PROPERTY} = {@link #publicKey()}, then send {@link #HEADER} = {@link #token} with each request,
 * as the gateway would after authenticating a caller.
 */
public final class TestCallers {

    public static final String PUBLIC_KEY_PROPERTY = "chainwatch.security.internal-token.public-key";
    public static final String HEADER = InternalTokenVerifier.HEADER;

    private static final KeyPair KEYS = InternalKeys.generate();
    private static final InternalTokenIssuer ISSUER = new InternalTokenIssuer(
            (java.security.interfaces.ECPrivateKey) KEYS.getPrivate());

    private TestCallers() {
    }

    /** The gateway's public key, base64, for the service's configuration. */
    public static String publicKey() {
        return InternalKeys.encodePublic(KEYS);
    }

    /** The gateway's private key, base64 (to run a real gateway in a test). */
    public static String privateKey() {
        return InternalKeys.encodePrivate(KEYS);
    }

    /** A token for {@code caller} to call {@code service} (its spring.application.name, e.g. registry-service). */
    public static String token(Caller caller, String service) {
        return ISSUER.issue(caller, service);
    }

    /** A platform admin's token for {@code service}. */
    public static String platformAdmin(String service) {
        return token(Caller.platformAdmin("user:test-admin"), service);
    }

    /** A token of a member of {@code orgId} with {@code role}. */
    public static String member(UUID orgId, Role role, String service) {
        return token(new Caller("user:test-" + role.label() + "-" + orgId.toString().substring(0, 8), orgId, role),
                service);
    }
}
