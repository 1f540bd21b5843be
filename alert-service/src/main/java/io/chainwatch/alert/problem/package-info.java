/**
 * The client errors features raise: {@link io.chainwatch.alert.problem.NotFoundException} (404) and
 * {@link io.chainwatch.alert.problem.ConflictException} (409). Known by every feature, knowing none; the HTTP edge
 * ({@code web.ProblemAdvice}) turns them into RFC 9457 problems.
 */
package io.chainwatch.alert.problem;
