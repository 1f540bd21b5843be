/** Gateway-level failures (no route, a service down, a timeout, a body too large) as RFC 9457 problems. */
package io.chainwatch.gateway.web;
