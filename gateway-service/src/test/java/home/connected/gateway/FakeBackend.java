package home.connected.gateway;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.HandlerRegistry;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback gRPC server that answers every RPC of the contracts: it records what it received
 * (request and metadata), answers with a set response (default: the empty response), a set
 * failure, or for a server-streaming RPC with the set messages, keeping the stream open until the
 * caller cancels it.
 */
final class FakeBackend implements AutoCloseable {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> FORWARDED_FOR =
            Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<Metadata> HEADERS = Context.key("headers");

    /** One call as the backend saw it. */
    record Call(String method, DynamicMessage request, Metadata headers) {

        String authorization() {
            return headers.get(AUTHORIZATION);
        }

        String forwardedFor() {
            return headers.get(FORWARDED_FOR);
        }
    }

    private final Server server;
    private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final Map<String, Status> failures = new ConcurrentHashMap<>();
    private final Map<String, DynamicMessage> responses = new ConcurrentHashMap<>();
    private volatile List<? extends com.google.protobuf.Message> streamed = List.of();
    private final AtomicInteger cancelledStreams = new AtomicInteger();

    FakeBackend() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .fallbackHandlerRegistry(new Registry())
                .build()
                .start();
    }

    String target() {
        return "127.0.0.1:" + server.getPort();
    }

    /** Forgets recorded calls and set answers. */
    void reset() {
        calls.clear();
        failures.clear();
        responses.clear();
        streamed = List.of();
    }

    void failWith(String rpcName, Status status) {
        failures.put(rpcName, status);
    }

    void answer(String rpcName, com.google.protobuf.Message response) {
        responses.put(rpcName, DynamicMessage.newBuilder(response).build());
    }

    void stream(List<? extends com.google.protobuf.Message> messages) {
        streamed = List.copyOf(messages);
    }

    int cancelledStreams() {
        return cancelledStreams.get();
    }

    /** The next call received within a few seconds, or null. */
    Call nextCall() throws InterruptedException {
        return calls.poll(5, TimeUnit.SECONDS);
    }

    /** A call received so far without waiting, or null. */
    Call callSoFar() {
        return calls.poll();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class Registry extends HandlerRegistry {

        @Override
        public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
            MethodDescriptor rpc = Contracts.methods().stream()
                    .filter(m -> (m.getService().getFullName() + "/" + m.getName()).equals(methodName))
                    .findFirst()
                    .orElse(null);
            if (rpc == null) {
                return null;
            }
            io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> method =
                    io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                            .setFullMethodName(methodName)
                            .setType(
                                    rpc.isServerStreaming()
                                            ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                                            : io.grpc.MethodDescriptor.MethodType.UNARY)
                            .setRequestMarshaller(
                                    ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(rpc.getInputType())))
                            .setResponseMarshaller(
                                    ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(rpc.getOutputType())))
                            .build();
            ServerCallHandler<DynamicMessage, DynamicMessage> handler = rpc.isServerStreaming()
                    ? ServerCalls.asyncServerStreamingCall((request, responses) -> serveStream(rpc, request, responses))
                    : ServerCalls.asyncUnaryCall((request, responses) -> serve(rpc, request, responses));
            ServerCallHandler<DynamicMessage, DynamicMessage> recordingHeaders = (call, headers) ->
                    Contexts.interceptCall(Context.current().withValue(HEADERS, headers), call, headers, handler);
            return ServerMethodDefinition.create(method, recordingHeaders);
        }

        private void serve(MethodDescriptor rpc, DynamicMessage request, StreamObserver<DynamicMessage> responses) {
            calls.add(new Call(rpc.getName(), request, HEADERS.get()));
            Status failure = failures.get(rpc.getName());
            if (failure != null) {
                responses.onError(failure.asRuntimeException());
                return;
            }
            responses.onNext(FakeBackend.this.responses.getOrDefault(
                    rpc.getName(), DynamicMessage.getDefaultInstance(rpc.getOutputType())));
            responses.onCompleted();
        }

        private void serveStream(
                MethodDescriptor rpc, DynamicMessage request, StreamObserver<DynamicMessage> responses) {
            calls.add(new Call(rpc.getName(), request, HEADERS.get()));
            ((ServerCallStreamObserver<DynamicMessage>) responses)
                    .setOnCancelHandler(cancelledStreams::incrementAndGet);
            Status failure = failures.get(rpc.getName());
            if (failure != null) {
                responses.onError(failure.asRuntimeException());
                return;
            }
            streamed.forEach(message ->
                    responses.onNext(DynamicMessage.newBuilder(message).build()));
        }
    }
}
