/**
 * The gateway: Spring Cloud Gateway (WebFlux) in front of every service. Routes are configuration
 * (application.yml); authentication lives in {@code auth/}.
 */
package io.chainwatch.gateway;
