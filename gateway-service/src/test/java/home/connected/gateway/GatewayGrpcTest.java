package home.connected.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Empty;
import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.contracts.auth.v1.LoginRequest;
import home.connected.contracts.query.v1.ListSensorsRequest;
import home.connected.contracts.query.v1.ListSensorsResponse;
import home.connected.contracts.query.v1.QueryServiceGrpc;
import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.contracts.query.v1.Sensor;
import home.connected.contracts.query.v1.SensorKey;
import io.grpc.CallOptions;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Native gRPC clients reach the backends through the gateway's gRPC port, with the same checks as REST. */
class GatewayGrpcTest extends GatewayTestSupport {

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.port())
                .usePlaintext()
                .build();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void unaryCallReachesTheBackendWithTheTokenAndClientAddress() throws Exception {
        BACKEND.answer(
                "ListSensors",
                ListSensorsResponse.newBuilder()
                        .addSensors(Sensor.newBuilder().setLocation("hall"))
                        .build());
        String token = TOKENS.token("readings:read");

        ListSensorsResponse response = query(token)
                .listSensors(ListSensorsRequest.newBuilder()
                        .setFilter(ReadingFilter.newBuilder().setLocation("hall"))
                        .build());

        assertThat(response.getSensors(0).getLocation()).isEqualTo("hall");
        FakeBackend.Call call = BACKEND.nextCall();
        assertThat(call.method()).isEqualTo("ListSensors");
        assertThat(call.authorization()).isEqualTo("Bearer " + token);
        assertThat(call.forwardedFor()).isEqualTo("127.0.0.1");
        assertThat(ListSensorsRequest.parseFrom(call.request().toByteArray())
                        .getFilter()
                        .getLocation())
                .isEqualTo("hall");
    }

    @Test
    void callsWithoutAValidTokenOrPermissionAreRefusedBeforeTheBackend() {
        ListSensorsRequest request = ListSensorsRequest.getDefaultInstance();
        for (String token : new String[] {null, TOKENS.expired("readings:read"), TOKENS.forged("readings:read")}) {
            assertThatThrownBy(() -> query(token).listSensors(request))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        }
        assertThatThrownBy(() -> query(TOKENS.token("alerts:read")).listSensors(request))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
        assertThat(BACKEND.callSoFar()).isNull();
    }

    @Test
    void serverStreamIsRelayedAndCancellationReachesTheBackend() throws Exception {
        BACKEND.stream(List.of(
                Reading.newBuilder()
                        .setKey(SensorKey.newBuilder().setDeviceId("pi-1"))
                        .setValue(1)
                        .build(),
                Reading.newBuilder()
                        .setKey(SensorKey.newBuilder().setDeviceId("pi-1"))
                        .setValue(2)
                        .build()));
        int cancelledBefore = BACKEND.cancelledStreams();

        try (Context.CancellableContext context = Context.current().withCancellation()) {
            Iterator<Reading> readings = context.call(() -> query(TOKENS.token("readings:read"))
                    .streamReadings(
                            ReadingFilter.newBuilder().setDeviceId("pi-1").build()));
            assertThat(readings.next().getValue()).isEqualTo(1);
            assertThat(readings.next().getValue()).isEqualTo(2);
            context.cancel(null);
        }

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(BACKEND.cancelledStreams()).isGreaterThan(cancelledBefore));
    }

    @Test
    void publicCallsNeedNoTokenAndSignedInCallsNeedNoPermission() throws Exception {
        AuthServiceGrpc.newBlockingStub(channel)
                .login(LoginRequest.newBuilder().setUsername("alice").build());
        FakeBackend.Call call = BACKEND.nextCall();
        assertThat(call.method()).isEqualTo("Login");
        assertThat(call.authorization()).isNull();

        String token = TOKENS.token();
        AuthServiceGrpc.newBlockingStub(channel).withInterceptors(bearer(token)).getMe(Empty.getDefaultInstance());
        assertThat(BACKEND.nextCall().authorization()).isEqualTo("Bearer " + token);
    }

    @Test
    void servicesNoBackendServesAreUnimplemented() {
        io.grpc.MethodDescriptor<Empty, Empty> unknown = io.grpc.MethodDescriptor.<Empty, Empty>newBuilder()
                .setFullMethodName("elsewhere.v1.Other/Do")
                .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
                .setRequestMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
                .setResponseMarshaller(ProtoUtils.marshaller(Empty.getDefaultInstance()))
                .build();
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(
                        channel,
                        unknown,
                        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                        Empty.getDefaultInstance()))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    }

    private QueryServiceGrpc.QueryServiceBlockingStub query(String token) {
        QueryServiceGrpc.QueryServiceBlockingStub stub =
                QueryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        return token == null ? stub : stub.withInterceptors(bearer(token));
    }

    private static io.grpc.ClientInterceptor bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(FakeBackend.AUTHORIZATION, "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }
}
