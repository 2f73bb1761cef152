package home.connected.gateway.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * How long browsers keep the web app's files: the hashed assets for good (a new build has new
 * names), the entry points (which name the assets) never without asking again.
 */
@Component
class CachePolicy implements WebFilter {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String cacheControl = cacheControlOf(
                exchange.getRequest().getPath().pathWithinApplication().value());
        if (cacheControl != null) {
            ServerHttpResponse response = exchange.getResponse();
            response.beforeCommit(() -> {
                if (isFound(response.getStatusCode())) {
                    response.getHeaders().set(HttpHeaders.CACHE_CONTROL, cacheControl);
                }
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }

    private static String cacheControlOf(String path) {
        if (path.startsWith("/assets/")) {
            return IMMUTABLE;
        }
        return switch (path) {
            case "/", "/index.html", "/sw.js", "/manifest.webmanifest" -> REVALIDATE;
            default -> null;
        };
    }

    /** An error page must not be kept for a year under an asset's name. */
    private static boolean isFound(HttpStatusCode status) {
        return status == null || status.is2xxSuccessful() || status.isSameCodeAs(HttpStatus.NOT_MODIFIED);
    }
}
