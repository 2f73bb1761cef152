package home.connected.gateway.graphql;

import graphql.GraphQLContext;
import java.net.InetSocketAddress;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Who calls: the {@code Authorization} header of a request over HTTP, or the token a WebSocket's
 * {@code connection_init} payload carries ({@code {"Authorization": "Bearer …"}}, or
 * {@code {"token": "…"}}), and the client's address, put in the request's GraphQL context for the
 * fields to decide on. Nothing is decided here: every field decides by its RPC's rule.
 */
@Component
class GraphQlCallers implements WebSocketGraphQlInterceptor {

    private static final String AUTHORIZATION = "authorization";
    private static final String CLIENT_ADDRESS = "clientAddress";
    private static final String STARTED = "startedNanos";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, WebGraphQlInterceptor.Chain chain) {
        String authorization;
        InetSocketAddress address;
        if (request instanceof WebSocketGraphQlRequest socket) {
            authorization = (String) socket.getSessionInfo().getAttributes().get(AUTHORIZATION);
            address = socket.getSessionInfo().getRemoteAddress();
        } else {
            authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
            address = request.getRemoteAddress();
        }
        long started = System.nanoTime();
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(context -> {
                    if (authorization != null) {
                        context.of(AUTHORIZATION, authorization);
                    }
                    context.of(CLIENT_ADDRESS, addressOf(address), STARTED, started);
                })
                .build());
        return chain.next(request);
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo session, Map<String, Object> payload) {
        Object token = payload.getOrDefault("Authorization", payload.getOrDefault(AUTHORIZATION, payload.get("token")));
        if (token instanceof String text && !text.isBlank()) {
            session.getAttributes().put(AUTHORIZATION, text.startsWith("Bearer ") ? text : "Bearer " + text);
        }
        return Mono.empty();
    }

    /** The caller's {@code Authorization} value, null without one. */
    static String authorization(GraphQLContext context) {
        return context.get(AUTHORIZATION);
    }

    static String clientAddress(GraphQLContext context) {
        return context.getOrDefault(CLIENT_ADDRESS, "unknown");
    }

    /** When the request began, in {@link System#nanoTime()}. */
    static long started(GraphQLContext context) {
        return context.getOrDefault(STARTED, System.nanoTime());
    }

    private static String addressOf(InetSocketAddress address) {
        if (address == null) {
            return "unknown";
        }
        return address.getAddress() == null
                ? address.getHostString()
                : address.getAddress().getHostAddress();
    }
}
