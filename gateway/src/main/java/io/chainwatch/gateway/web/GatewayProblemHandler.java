package io.chainwatch.gateway.web;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every failure the gateway itself meets, as an RFC 9457 problem: an unknown path (404), a service that is not
 * reachable (503), a service that closes the connection without answering (502), a service that does not answer in
 * time (504), anything else (500, without internals).
 */
@Component
@Order(-2) // before Boot's default handler
public class GatewayProblemHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblemHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        String service = service(exchange);
        if (error instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.valueOf(status.getStatusCode().value());
            if (code == HttpStatus.GATEWAY_TIMEOUT) {
                return Problems.write(exchange, code, "The " + service + " service did not answer in time.");
            }
            String detail = code == HttpStatus.NOT_FOUND && service.equals("unknown")
                    ? "No API at " + exchange.getRequest().getPath().value() + "."
                    : status.getReason() != null ? status.getReason() : code.getReasonPhrase();
            return Problems.write(exchange, code, detail);
        }
        if (causedBy(error, TimeoutException.class)) {
            return Problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "The " + service + " service did not answer in time.");
        }
        if (causedBy(error, ConnectException.class) || causedBy(error, io.netty.channel.ConnectTimeoutException.class)) {
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    "The " + service + " service is not reachable right now; try again shortly.");
        }
        if (causedBy(error, reactor.netty.http.client.PrematureCloseException.class)) {
            log.warn("the {} service closed the connection without answering {} {}", service,
                    exchange.getRequest().getMethod(), exchange.getRequest().getPath());
            return Problems.write(exchange, HttpStatus.BAD_GATEWAY,
                    "The " + service + " service closed the connection without answering; try again shortly.");
        }
        log.error("gateway failure on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "The gateway failed to handle this request.");
    }

    private static String service(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        return route == null ? "unknown" : route.getId();
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
