package home.connected.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class GrpcCallLogTest {

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };
    private static final MethodDescriptor<byte[], byte[]> FIND = method("test.v1.Things/Find");
    private static final MethodDescriptor<byte[], byte[]> WATCH = method("test.v1.Things/Watch");

    /** What the observation interceptor does around the inner interceptors: the call's ids in the MDC. */
    private static final ServerInterceptor IN_A_SPAN = new ServerInterceptor() {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(
                ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
            try (MDC.MDCCloseable traceId = MDC.putCloseable("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
                    MDC.MDCCloseable spanId = MDC.putCloseable("spanId", "00f067aa0ba902b7")) {
                return next.startCall(call, headers);
            }
        }
    };

    private final Logger logger = (Logger) LoggerFactory.getLogger(GrpcCallLog.class);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final ExecutorService elsewhere = Executors.newSingleThreadExecutor();
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws IOException {
        lines.start();
        logger.addAppender(lines);
        String name = InProcessServerBuilder.generateName();
        // the answer comes from another thread, as from a service that waited for its database
        ServerCallHandler<byte[], byte[]> notFoundLater = (call, headers) -> {
            elsewhere.execute(() -> call.close(Status.NOT_FOUND.withDescription("no such thing"), new Metadata()));
            return new ServerCall.Listener<>() {};
        };
        // a stream that goes on until its reader leaves
        ServerCallHandler<byte[], byte[]> endless = (call, headers) -> {
            call.sendHeaders(new Metadata());
            return new ServerCall.Listener<>() {};
        };
        ServerServiceDefinition service = ServerServiceDefinition.builder("test.v1.Things")
                .addMethod(FIND, notFoundLater)
                .addMethod(WATCH, endless)
                .build();
        server = InProcessServerBuilder.forName(name)
                .addService(ServerInterceptors.interceptForward(service, IN_A_SPAN, new GrpcCallLog()))
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        logger.detachAppender(lines);
        logger.setLevel(null);
        channel.shutdownNow();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        elsewhere.shutdownNow();
    }

    @Test
    void atDebugEachCallIsOneLineWithItsStatusAndTheIdsOfItsSpan() throws Exception {
        logger.setLevel(Level.DEBUG);

        assertThat(call()).isEqualTo(Status.Code.NOT_FOUND);

        assertThat(lines.list).hasSize(1);
        ILoggingEvent line = lines.list.get(0);
        assertThat(line.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(line.getFormattedMessage()).matches("test\\.v1\\.Things/Find NOT_FOUND in \\d+ ms");
        assertThat(line.getMDCPropertyMap())
                .containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736")
                .containsEntry("spanId", "00f067aa0ba902b7");
        assertThat(line.getKeyValuePairs())
                .anySatisfy(pair -> {
                    assertThat(pair.key).isEqualTo("rpc.method");
                    assertThat(pair.value).isEqualTo("test.v1.Things/Find");
                })
                .anySatisfy(pair -> {
                    assertThat(pair.key).isEqualTo("rpc.status");
                    assertThat(pair.value).isEqualTo("NOT_FOUND");
                });
    }

    @Test
    void aCallTheClientEndsIsWrittenAsCancelled() throws Exception {
        logger.setLevel(Level.DEBUG);
        CompletableFuture<Metadata> answering = new CompletableFuture<>();
        ClientCall<byte[], byte[]> call = channel.newCall(WATCH, CallOptions.DEFAULT);
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onHeaders(Metadata headers) {
                        answering.complete(headers);
                    }
                },
                new Metadata());
        call.sendMessage(new byte[0]);
        call.halfClose();
        answering.get(10, TimeUnit.SECONDS);

        call.cancel("the reader left", null);

        await().atMost(Duration.ofSeconds(10)).until(() -> !lines.list.isEmpty());
        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getFormattedMessage()).matches("test\\.v1\\.Things/Watch CANCELLED in \\d+ ms");
        assertThat(lines.list.get(0).getMDCPropertyMap()).containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void aboveDebugNothingIsWritten() throws Exception {
        logger.setLevel(Level.INFO);

        assertThat(call()).isEqualTo(Status.Code.NOT_FOUND);

        assertThat(lines.list).isEmpty();
    }

    private static MethodDescriptor<byte[], byte[]> method(String name) {
        return MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(name)
                .setRequestMarshaller(BYTES)
                .setResponseMarshaller(BYTES)
                .build();
    }

    private Status.Code call() throws Exception {
        CompletableFuture<Status> closed = new CompletableFuture<>();
        ClientCall<byte[], byte[]> call = channel.newCall(FIND, CallOptions.DEFAULT);
        call.start(
                new ClientCall.Listener<>() {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        closed.complete(status);
                    }
                },
                new Metadata());
        call.sendMessage(new byte[0]);
        call.halfClose();
        call.request(1);
        return closed.get(10, TimeUnit.SECONDS).getCode();
    }
}
