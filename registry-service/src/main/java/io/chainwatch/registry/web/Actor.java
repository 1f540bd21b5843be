package io.chainwatch.registry.web;

import java.util.UUID;

import io.chainwatch.security.Caller;

/**
 * Who makes the current call, for the audit log and tasks: the subject of the {@link Caller} the gateway vouched for
 * in its internal token (e.g. {@code user:alice}, {@code key:ab12cd34}). Nothing the client sends itself (such as
 * the former {@code X-ChainWatch-Actor} header) is trusted. Outside a request (task steps) the code passes the actor
 * explicitly; {@value #SYSTEM} is what is left when it does not.
 */
public final class Actor {

    /** The actor outside a request, when none is passed. */
    public static final String SYSTEM = "system:registry";

    private Actor() {
    }

    /** The current request's caller subject; {@value #SYSTEM} outside a request. */
    public static String current() {
        return Caller.currentIfAny().map(Caller::subject).orElse(SYSTEM);
    }

    /** The current request's caller organization; {@code null} for a platform admin or outside a request. */
    public static UUID currentOrg() {
        return Caller.currentIfAny().map(Caller::orgId).orElse(null);
    }
}
