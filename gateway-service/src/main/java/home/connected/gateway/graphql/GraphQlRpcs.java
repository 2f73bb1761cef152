package home.connected.gateway.graphql;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import graphql.GraphQLContext;
import home.connected.access.AccessDecision;
import home.connected.access.AccessRules;
import home.connected.access.AccessRules.Rule;
import home.connected.gateway.GatewayProperties;
import home.connected.gateway.access.LoginRateLimiter;
import home.connected.gateway.backend.BackendCalls;
import home.connected.gateway.backend.RawMessages;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An RPC called for a field: allowed or refused by the RPC's {@code access} option as on REST, the
 * public ones rate-limited per client address as on REST, the caller's token forwarded. A unary call
 * ends with the request's time limit.
 */
@Component
class GraphQlRpcs {

    private record Target(Rule rule, io.grpc.MethodDescriptor<DynamicMessage, byte[]> method) {}

    private final AccessDecision access;
    private final LoginRateLimiter rateLimiter;
    private final BackendCalls calls;
    private final Duration timeout;
    private final Map<MethodDescriptor, Target> targets = new ConcurrentHashMap<>();

    GraphQlRpcs(AccessDecision access, LoginRateLimiter rateLimiter, BackendCalls calls, GatewayProperties properties) {
        this.access = access;
        this.rateLimiter = rateLimiter;
        this.calls = calls;
        this.timeout = properties.graphql().timeout();
    }

    Mono<byte[]> unary(MethodDescriptor rpc, DynamicMessage request, GraphQLContext context) {
        Target target = targetOf(rpc);
        Duration left = timeout.minusNanos(System.nanoTime() - GraphQlCallers.started(context));
        return allowed(target, context)
                .flatMap(authorization -> calls.unary(
                        target.method(), request, authorization.orElse(null), GraphQlCallers.clientAddress(context)))
                .timeout(left.isNegative() ? Duration.ZERO : left)
                .onErrorMap(
                        TimeoutException.class,
                        e -> Status.DEADLINE_EXCEEDED
                                .withDescription("the request took longer than " + timeout.toSeconds() + " s")
                                .asRuntimeException());
    }

    Flux<byte[]> stream(MethodDescriptor rpc, DynamicMessage request, GraphQLContext context) {
        Target target = targetOf(rpc);
        return allowed(target, context)
                .flatMapMany(authorization -> calls.serverStream(
                        target.method(), request, authorization.orElse(null), GraphQlCallers.clientAddress(context)));
    }

    /** The token to forward: only one verified here goes on (the backend verifies it again). */
    private Mono<Optional<String>> allowed(Target target, GraphQLContext context) {
        String authorization = GraphQlCallers.authorization(context);
        if (target.rule().isPublic()) {
            Optional<Duration> wait = rateLimiter.acquire(
                    GraphQlCallers.clientAddress(context), target.method().getFullMethodName());
            if (wait.isPresent()) {
                return Mono.error(LoginRateLimiter.tooManyAttempts(LoginRateLimiter.secondsToWait(wait.get()))
                        .asRuntimeException());
            }
        }
        Mono<Optional<String>> decided = Mono.fromCallable(
                () -> access.decide(Optional.of(target.rule()), authorization).map(caller -> authorization));
        return access.decidesAtOnce(authorization) ? decided : decided.subscribeOn(Schedulers.boundedElastic());
    }

    private Target targetOf(MethodDescriptor rpc) {
        return targets.computeIfAbsent(rpc, method -> new Target(AccessRules.of(method), RawMessages.method(method)));
    }
}
