/**
 * What the REST controllers share: the one {@code @RestControllerAdvice} that turns every error into an
 * RFC 9457 {@code application/problem+json} response, and the exceptions the features throw for it
 * ({@link io.chainwatch.registry.web.NotFoundException} → 404,
 * {@link io.chainwatch.registry.web.DuplicateNameException} and {@link io.chainwatch.registry.web.ConflictException}
 * → 409, {@link io.chainwatch.registry.web.InvalidRequestException} → 400,
 * {@link io.chainwatch.registry.web.PreconditionRequiredException} → 428,
 * {@link io.chainwatch.registry.web.PreconditionFailedException} → 412; a platform or node that fails a call →
 * 502; the security module's {@code ForbiddenException} → 403 and {@code UnsafeUrlException} → 400 keep their
 * status); optimistic locking over HTTP ({@link io.chainwatch.registry.web.ETags}), paged lists
 * ({@link io.chainwatch.registry.web.Paging}), the caller's name for the audit log
 * ({@link io.chainwatch.registry.web.Actor}) and organization scoping ({@link io.chainwatch.registry.web.Access}).
 */
package io.chainwatch.registry.web;
