/**
 * What the REST controllers share: the one {@code @RestControllerAdvice} that turns every error into an
 * RFC 9457 {@code application/problem+json} response, and the exceptions the features throw for it
 * ({@link io.chainwatch.registry.web.NotFoundException} → 404,
 * {@link io.chainwatch.registry.web.DuplicateNameException} → 409).
 */
package io.chainwatch.registry.web;
