package home.connected.gateway.backend;

import com.google.common.util.concurrent.MoreExecutors;
import home.connected.gateway.GatewayProperties;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.binder.grpc.ObservationGrpcClientInterceptor;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Calls a backend RPC with a message built at run time, forwarding the caller's token and address
 * in the metadata. Cancelling the returned publisher cancels the gRPC call.
 *
 * <p>Each call is a span of the REST request's trace (the request's observation, found in the
 * subscriber's Reactor context), and its {@code traceparent} goes to the backend in the metadata.
 */
@Component
public class BackendCalls {

    public static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    public static final Metadata.Key<String> FORWARDED_FOR =
            Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER);

    /** A live stream whose reader falls this far behind is ended rather than buffered without bound. */
    private static final int MAX_BUFFERED_STREAM_MESSAGES = 10_000;

    private final Backends backends;
    private final Duration callTimeout;
    private final ObservationGrpcClientInterceptor observation;

    BackendCalls(Backends backends, GatewayProperties properties, ObservationRegistry observations) {
        this.backends = backends;
        this.callTimeout = properties.callTimeout();
        this.observation = new ObservationGrpcClientInterceptor(observations);
    }

    public <Q, R> Mono<R> unary(MethodDescriptor<Q, R> method, Q request, String authorization, String clientAddress) {
        return Mono.create(sink -> {
            try (Observation.Scope inRequest = requestScope(sink.contextView())) {
                ClientCall<Q, R> call = channel(method, authorization, clientAddress)
                        .newCall(
                                method,
                                // the answer goes on from the channel's own thread: one hand-off fewer per call
                                CallOptions.DEFAULT
                                        .withExecutor(MoreExecutors.directExecutor())
                                        .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS));
                sink.onCancel(() -> call.cancel("the REST client went away", null));
                ClientCalls.asyncUnaryCall(call, request, new StreamObserver<>() {
                    @Override
                    public void onNext(R value) {
                        sink.success(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        sink.error(t);
                    }

                    @Override
                    public void onCompleted() {
                        sink.success();
                    }
                });
            }
        });
    }

    public <Q, R> Flux<R> serverStream(
            MethodDescriptor<Q, R> method, Q request, String authorization, String clientAddress) {
        Flux<R> messages = Flux.create(sink -> {
            try (Observation.Scope inRequest = requestScope(sink.contextView())) {
                ClientCall<Q, R> call =
                        channel(method, authorization, clientAddress).newCall(method, CallOptions.DEFAULT);
                sink.onDispose(() -> call.cancel("the stream's reader went away", null));
                ClientCalls.asyncServerStreamingCall(call, request, new StreamObserver<>() {
                    @Override
                    public void onNext(R value) {
                        sink.next(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        sink.error(t);
                    }

                    @Override
                    public void onCompleted() {
                        sink.complete();
                    }
                });
            }
        });
        return messages.onBackpressureBuffer(MAX_BUFFERED_STREAM_MESSAGES, BufferOverflowStrategy.ERROR);
    }

    private Channel channel(MethodDescriptor<?, ?> method, String authorization, String clientAddress) {
        Channel channel = backends.forService(method.getServiceName())
                .orElseThrow(() -> Status.UNIMPLEMENTED
                        .withDescription("no backend serves " + method.getServiceName())
                        .asRuntimeException());
        Metadata headers = new Metadata();
        if (authorization != null) {
            headers.put(AUTHORIZATION, authorization);
        }
        headers.put(FORWARDED_FOR, clientAddress);
        return ClientInterceptors.intercept(channel, observation, MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /**
     * The REST request's observation made current while the call starts, so the call's span is its child;
     * null (no scope) outside a request.
     */
    private static Observation.Scope requestScope(ContextView context) {
        Observation request = context.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
        return request == null ? null : request.openScope();
    }
}
