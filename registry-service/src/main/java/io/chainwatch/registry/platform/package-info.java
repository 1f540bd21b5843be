/**
 * Heterogeneous platforms behind one standard interface. A platform (a BaaS management API) registers its base
 * URL, credentials, its own API as an OpenAPI 3 document and a {@link io.chainwatch.registry.platform.MappingTemplate}
 * onto the {@link io.chainwatch.registry.platform.StandardOperation}s. Registration is a task
 * ({@link io.chainwatch.registry.platform.PlatformRegistration}): validate (JSON REST only, every required standard
 * field mapped with a matching type, see {@link io.chainwatch.registry.platform.TemplateValidator}) → probe (the
 * health call answers) → execute (ACTIVE); a failure leaves the platform REJECTED with the reason. The
 * {@link io.chainwatch.registry.platform.TemplateAdapter} then runs standard operations against it, following
 * asynchronous ones by polling the platform's task status, never following redirects, mapping array elements with
 * an operation's {@code items}, and recording the raw exchanges (secrets masked) for the conformance kit;
 * {@link io.chainwatch.registry.platform.PlatformOperations} is the entry for API calls and task steps.
 * {@code /api/v1/platforms}.
 */
package io.chainwatch.registry.platform;
