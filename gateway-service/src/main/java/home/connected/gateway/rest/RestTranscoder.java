package home.connected.gateway.rest;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import home.connected.access.AccessDecision;
import home.connected.access.AccessDecision.AccessRefused;
import home.connected.gateway.access.LoginRateLimiter;
import home.connected.gateway.backend.BackendCalls;
import home.connected.gateway.session.RefreshTokenTransport;
import home.connected.gateway.session.RefreshTokenTransports;
import home.connected.tokens.VerifiedToken;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The REST API: finds the route of a request in the {@link RouteTable}, checks the caller's access
 * to the RPC, builds the request message, calls the backend and answers in proto JSON (or, for a
 * server-streaming RPC, as Server-Sent Events, one message per {@code data:} line).
 */
@Component
class RestTranscoder {

    private static final Logger log = LoggerFactory.getLogger(RestTranscoder.class);
    private static final Duration KEEP_ALIVE_EVERY = Duration.ofSeconds(15);

    private final RouteTable routes;
    private final AccessDecision access;
    private final LoginRateLimiter rateLimiter;
    private final BackendCalls calls;
    private final RefreshTokenTransports refreshTokens;
    private final ApiMetrics metrics;

    RestTranscoder(
            RouteTable routes,
            AccessDecision access,
            LoginRateLimiter rateLimiter,
            BackendCalls calls,
            RefreshTokenTransports refreshTokens,
            ApiMetrics metrics) {
        this.routes = routes;
        this.access = access;
        this.rateLimiter = rateLimiter;
        this.calls = calls;
        this.refreshTokens = refreshTokens;
        this.metrics = metrics;
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        long start = System.nanoTime();
        RouteTable.Lookup lookup = routes.find(request.method(), request.uri().getRawPath());
        return metrics.timed(lookup.route(), request.method(), start, respond(request, lookup));
    }

    private Mono<ServerResponse> respond(ServerRequest request, RouteTable.Lookup lookup) {
        if (lookup.route() == null) {
            return lookup.allowed().isEmpty()
                    ? error(ApiError.of(Status.Code.NOT_FOUND, "there is no API route " + request.path()))
                    : ServerResponse.status(405)
                            .header(HttpHeaders.ALLOW, String.join(", ", lookup.allowed()))
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(new ApiError(
                                            405,
                                            "INVALID_ARGUMENT",
                                            request.path() + " takes " + String.join(", ", lookup.allowed()))
                                    .json());
        }
        HttpRoute route = lookup.route();
        RefreshTokenTransport refreshToken;
        try {
            refreshToken = refreshTokens.of(request.exchange().getRequest(), route.grpcMethod());
        } catch (StatusRuntimeException refused) {
            return error(ApiError.of(refused.getStatus()));
        }
        String clientAddress = request.remoteAddress()
                .map(address -> address.getAddress() == null
                        ? address.getHostString()
                        : address.getAddress().getHostAddress())
                .orElse("unknown");
        if (route.rule().isPublic()) {
            Optional<Duration> wait =
                    rateLimiter.acquire(clientAddress, route.grpcMethod().getFullMethodName());
            if (wait.isPresent()) {
                return tooManyRequests(wait.get());
            }
        }
        String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        Mono<Optional<VerifiedToken>> decided =
                Mono.fromCallable(() -> access.decide(Optional.of(route.rule()), authorization));
        if (!access.decidesAtOnce(authorization)) {
            decided = decided.subscribeOn(Schedulers.boundedElastic());
        }
        return decided.flatMap(caller -> request.bodyToMono(byte[].class)
                        .defaultIfEmpty(new byte[0])
                        .flatMap(body -> call(
                                route,
                                lookup,
                                request,
                                body,
                                forwarded(caller, authorization),
                                clientAddress,
                                refreshToken)))
                .onErrorResume(failure -> failure(failure, refreshToken));
    }

    private Mono<ServerResponse> call(
            HttpRoute route,
            RouteTable.Lookup lookup,
            ServerRequest request,
            byte[] body,
            String authorization,
            String clientAddress,
            RefreshTokenTransport refreshToken) {
        DynamicMessage message;
        try {
            message = RequestMessages.build(route, lookup.variables(), request.queryParams(), body);
        } catch (BadRequestException e) {
            return error(ApiError.of(Status.Code.INVALID_ARGUMENT, e.getMessage()));
        }
        message = refreshToken.request(message);
        if (route.streamsResponses()) {
            Flux<ServerSentEvent<String>> messages = calls.serverStream(
                            route.grpcMethod(), message, authorization, clientAddress)
                    .map(reading ->
                            ServerSentEvent.builder(print(route, reading)).build())
                    .onErrorResume(
                            e -> Flux.just(ServerSentEvent.builder(apiErrorOf(e).json())
                                    .event("error")
                                    .build()));
            // The opening comment sends the headers at once; the keep-alive comments keep idle
            // proxies from closing the stream and find a reader that has gone away.
            Flux<ServerSentEvent<String>> events = messages.publish(shared -> Flux.merge(
                            shared,
                            Flux.interval(KEEP_ALIVE_EVERY)
                                    .map(tick -> comment("keep-alive"))
                                    .takeUntilOther(shared.then())))
                    .startWith(comment("stream open"));
            return ServerResponse.ok()
                    .contentType(MediaType.TEXT_EVENT_STREAM)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .body(BodyInserters.fromServerSentEvents(metrics.subscribed(route, events)));
        }
        return calls.unary(route.grpcMethod(), message, authorization, clientAddress)
                .flatMap(response -> {
                    HttpHeaders headers = new HttpHeaders();
                    byte[] answer = refreshToken.response(response, headers);
                    return ServerResponse.ok()
                            .headers(h -> h.addAll(headers))
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(printUtf8(route, answer));
                });
    }

    /** The token goes on to the backend only when it was verified here; the backend verifies it again. */
    private static String forwarded(Optional<VerifiedToken> caller, String authorization) {
        return caller.isPresent() ? authorization : null;
    }

    private Mono<ServerResponse> failure(Throwable failure, RefreshTokenTransport refreshToken) {
        HttpHeaders headers = new HttpHeaders();
        refreshToken.failed(Status.fromThrowable(failure), headers);
        return error(apiErrorOf(failure), headers);
    }

    private static ApiError apiErrorOf(Throwable failure) {
        if (failure instanceof AccessRefused refused) {
            return ApiError.of(refused.status());
        }
        if (failure instanceof StatusRuntimeException grpcFailure) {
            return ApiError.of(grpcFailure.getStatus());
        }
        if (failure instanceof DataBufferLimitException) {
            return new ApiError(413, Status.Code.INVALID_ARGUMENT.name(), "the request body is too large");
        }
        log.error("REST call failed inside the gateway", failure);
        return ApiError.of(Status.INTERNAL);
    }

    private static Mono<ServerResponse> error(ApiError error) {
        return error(error, new HttpHeaders());
    }

    private static Mono<ServerResponse> error(ApiError error, HttpHeaders headers) {
        return ServerResponse.status(error.httpStatus())
                .headers(h -> h.addAll(headers))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(error.json());
    }

    private static Mono<ServerResponse> tooManyRequests(Duration wait) {
        long seconds = LoginRateLimiter.secondsToWait(wait);
        ApiError error = ApiError.of(LoginRateLimiter.tooManyAttempts(seconds));
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        return error(error, headers);
    }

    private static ServerSentEvent<String> comment(String text) {
        return ServerSentEvent.<String>builder().comment(text).build();
    }

    private static String print(HttpRoute route, byte[] answer) {
        return new String(printUtf8(route, answer), StandardCharsets.UTF_8);
    }

    private static byte[] printUtf8(HttpRoute route, byte[] answer) {
        try {
            return route.answers().printUtf8(answer);
        } catch (InvalidProtocolBufferException e) {
            throw Status.INTERNAL
                    .withDescription("could not print " + route.answers().type().getName())
                    .asRuntimeException();
        }
    }
}
