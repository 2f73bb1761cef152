package home.connected.gateway.tracing;

import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * One DEBUG line per REST or SSE request when it ends: method, path, status and duration, with the
 * request's trace and span ids. Off unless the logger {@code home.connected.gateway.tracing.ApiRequestLog}
 * is at DEBUG, and then nothing is done per request.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class ApiRequestLog implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiRequestLog.class);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!log.isDebugEnabled() || !exchange.getRequest().getPath().value().startsWith("/api/")) {
            return chain.filter(exchange);
        }
        long started = System.nanoTime();
        return chain.filter(exchange).doFinally(signal -> written(exchange, signal, started));
    }

    private static void written(ServerWebExchange exchange, SignalType signal, long started) {
        long nanos = System.nanoTime() - started;
        ServerHttpRequest request = exchange.getRequest();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        Object outcome = signal == SignalType.CANCEL ? "cancelled" : status == null ? 200 : status.value();
        RequestSpan.of(exchange)
                .ifPresentOrElse(
                        span -> {
                            try (MDC.MDCCloseable traceId = MDC.putCloseable("traceId", span.traceId());
                                    MDC.MDCCloseable spanId = MDC.putCloseable("spanId", span.spanId())) {
                                write(request, outcome, nanos);
                            }
                        },
                        () -> write(request, outcome, nanos));
    }

    private static void write(ServerHttpRequest request, Object outcome, long nanos) {
        log.atDebug()
                .addKeyValue("http.request.method", request.getMethod().name())
                .addKeyValue("url.path", request.getPath().value())
                .addKeyValue("http.response.status_code", outcome)
                .addKeyValue("event.duration", nanos)
                .log(
                        "{} {} {} in {} ms",
                        request.getMethod(),
                        request.getPath().value(),
                        outcome,
                        TimeUnit.NANOSECONDS.toMillis(nanos));
    }
}
