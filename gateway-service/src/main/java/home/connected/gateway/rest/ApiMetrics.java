package home.connected.gateway.rest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code gateway_api_requests_seconds{route,method,status}}: from a REST request's arrival until its
 * answer's status and headers are ready (for a stream: until it is open), by the route's template
 * from the contracts (e.g. {@code /api/v1/alert-rules/{id}}), never the raw path, so ids do not
 * make new series; {@code route="none"} for a path no route takes. {@code
 * gateway_live_subscribers{route}}: the Server-Sent Events streams open now.
 */
@Component
class ApiMetrics {

    static final String REQUESTS = "gateway.api.requests";
    static final String LIVE_SUBSCRIBERS = "gateway.live.subscribers";
    static final String NO_ROUTE = "none";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> subscribers = new TreeMap<>();

    ApiMetrics(MeterRegistry registry, RouteTable routes) {
        this.registry = registry;
        for (HttpRoute route : routes.routes()) {
            if (route.streamsResponses()) {
                AtomicInteger open = new AtomicInteger();
                subscribers.put(route.pathTemplate(), open);
                Gauge.builder(LIVE_SUBSCRIBERS, open, AtomicInteger::get)
                        .description("Server-Sent Events streams open now")
                        .tag("route", route.pathTemplate())
                        .register(registry);
            }
        }
    }

    /** Times {@code response} from {@code startNanos} until it is ready, by route, method and status. */
    Mono<ServerResponse> timed(HttpRoute route, HttpMethod method, long startNanos, Mono<ServerResponse> response) {
        String routeTag = route == null ? NO_ROUTE : route.pathTemplate();
        String methodTag = METHODS.contains(method.name()) ? method.name() : "OTHER";
        return response.doOnNext(answer ->
                        record(routeTag, methodTag, answer.statusCode().value(), startNanos))
                .doOnError(failure -> record(routeTag, methodTag, 500, startNanos));
    }

    /** Counts {@code events} as an open stream of {@code route} while someone is subscribed to it. */
    <T> Flux<T> subscribed(HttpRoute route, Flux<T> events) {
        AtomicInteger open = subscribers.get(route.pathTemplate());
        if (open == null) {
            return events;
        }
        return events.doOnSubscribe(subscription -> open.incrementAndGet()).doFinally(signal -> open.decrementAndGet());
    }

    private void record(String route, String method, int status, long startNanos) {
        Timer.builder(REQUESTS)
                .description("REST requests until their answer is ready, by the route's template")
                .tag("route", route)
                .tag("method", method)
                .tag("status", Integer.toString(status))
                .serviceLevelObjectives(
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofMillis(500),
                        Duration.ofSeconds(1),
                        Duration.ofMillis(2500),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(30))
                .register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
