package home.connected.gateway.web;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** The browser security headers, on every response (they do no harm on API JSON). */
@Component
class SecurityHeaders implements WebFilter {

    private final String contentSecurityPolicy;

    SecurityHeaders(WebProperties properties) {
        this.contentSecurityPolicy = properties.contentSecurityPolicy();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("Content-Security-Policy", contentSecurityPolicy);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        // Over plain HTTP the header would be ignored, and it must never pin a host that has no TLS.
        if (RequestOrigin.isSecure(exchange.getRequest())) {
            headers.set("Strict-Transport-Security", "max-age=31536000");
        }
        return chain.filter(exchange);
    }
}
