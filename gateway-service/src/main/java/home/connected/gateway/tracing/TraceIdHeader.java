package home.connected.gateway.tracing;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Every answer names its trace in {@value #NAME}: the id the gateway's and the backends' log lines of that
 * request carry, for finding them when something failed (docs/operations.md "Logs and traces").
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TraceIdHeader implements WebFilter {

    static final String NAME = "X-Trace-Id";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        RequestSpan.of(exchange)
                .ifPresent(span -> exchange.getResponse().getHeaders().set(NAME, span.traceId()));
        return chain.filter(exchange);
    }
}
