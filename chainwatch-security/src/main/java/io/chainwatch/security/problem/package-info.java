/**
 * How a servlet service answers errors: {@link io.chainwatch.security.problem.ProblemAdvice}, the base of each
 * service's one {@code @RestControllerAdvice}, turns every error into an RFC 9457 problem
 * ({@code application/problem+json}) the same way in every service.
 */
package io.chainwatch.security.problem;
