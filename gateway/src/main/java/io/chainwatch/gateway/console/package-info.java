/**
 * The web console, served at {@code /} from the {@code console} module's static files (classpath
 * {@code chainwatch-console/}): hashed assets as immutable, {@code index.html} never cached and returned for every
 * page URL of the single-page application (history fallback), and {@code /console-config.json} telling the browser
 * which OIDC provider and client to sign in with. Nothing here touches {@code /api/}.
 */
package io.chainwatch.gateway.console;
