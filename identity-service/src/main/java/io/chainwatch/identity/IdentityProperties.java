package io.chainwatch.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity service settings ({@code chainwatch.identity.*}); every key can be set from the environment, e.g.
 * {@code CHAINWATCH_IDENTITY_ISSUER}.
 *
 * @param issuer       the public URL of this provider, the {@code iss} of its tokens (the gateway's
 *                     {@code chainwatch.gateway.jwt.issuer-uri} must be the same string)
 * @param users        people who may sign in, from the configuration
 * @param usersFile    a JSON array of further people ({@code [{"username","password","org","roles":[...]}]}), read
 *                     again at every sign-in, so that people can be added while the service runs; blank: none
 * @param console      the console's client registration
 * @param corsOrigins  browser origins allowed to call the token, keys, discovery and user-info endpoints (the
 *                     console's origin)
 * @param tokenTtl     how long an access token or ID token is valid
 * @param throttle     failed sign-ins allowed before 429
 */
@ConfigurationProperties("chainwatch.identity")
public record IdentityProperties(String issuer, List<User> users, Path usersFile, @DefaultValue Console console,
                                 List<String> corsOrigins, @DefaultValue("1h") Duration tokenTtl,
                                 @DefaultValue Throttle throttle) {

    public IdentityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        corsOrigins = corsOrigins == null ? List.of() : corsOrigins.stream().filter(o -> !o.isBlank()).toList();
    }

    /**
     * A person.
     *
     * @param password plain for development, or an encoded one with its id prefix ({@code {bcrypt}$2a$...})
     * @param org      the organization id (blank for a platform admin)
     * @param roles    viewer, operator, org-admin, platform-admin
     */
    public record User(String username, String password, String org, List<String> roles) {

        public User {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }

        @Override
        public String toString() {
            return "User[username=" + username + ", org=" + org + ", roles=" + roles + ", password=***]";
        }
    }

    /**
     * The console: a public client (no secret) using the authorization code flow with PKCE.
     *
     * @param clientId               its client id
     * @param redirectUris           where a code may be sent (the console's {@code /auth/callback})
     * @param postLogoutRedirectUris where the browser may return after signing out
     */
    public record Console(@DefaultValue("chainwatch-console") String clientId, List<String> redirectUris,
                          List<String> postLogoutRedirectUris) {

        public Console {
            redirectUris = redirectUris == null ? List.of() : redirectUris.stream().filter(u -> !u.isBlank()).toList();
            postLogoutRedirectUris = postLogoutRedirectUris == null ? List.of()
                    : postLogoutRedirectUris.stream().filter(u -> !u.isBlank()).toList();
        }
    }

    /**
     * Sign-in throttling: after this many failed sign-ins within {@code window}, further attempts (even with the
     * right password) are answered 429 with {@code Retry-After} until the window has passed.
     *
     * @param maxFailuresPerUser   failures allowed for one user name (from any source)
     * @param maxFailuresPerSource failures allowed from one source address (for any user names)
     * @param window               the period failures are counted over, and the longest a block lasts
     */
    public record Throttle(@DefaultValue("5") int maxFailuresPerUser, @DefaultValue("20") int maxFailuresPerSource,
                           @DefaultValue("15m") Duration window) {
    }
}
