package home.connected.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Message;
import home.connected.contracts.query.v1.QueryServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every QueryService RPC, found by walking the service descriptor, needs a token with readings:read. */
class AccessTest extends QuerySpringTest {

    private static final ServiceDescriptor SERVICE = QueryServiceGrpc.getServiceDescriptor();

    @Test
    void refusesCallsWithoutAToken() {
        assertThat(SERVICE.getMethods()).hasSize(5);
        for (MethodDescriptor<?, ?> method : SERVICE.getMethods()) {
            assertRefused(method, null, Status.Code.UNAUTHENTICATED);
            assertRefused(method, "not-a-jwt", Status.Code.UNAUTHENTICATED);
        }
    }

    @Test
    void refusesCallersWithoutReadingsRead() {
        String token = TOKENS.token("alerts:read", "devices:manage");
        for (MethodDescriptor<?, ?> method : SERVICE.getMethods()) {
            assertRefused(method, token, Status.Code.PERMISSION_DENIED);
        }
    }

    private <Q, R> void assertRefused(MethodDescriptor<Q, R> method, String token, Status.Code expected) {
        @SuppressWarnings("unchecked")
        Q request = (Q) ((Message)
                        ((MethodDescriptor.PrototypeMarshaller<Q>) method.getRequestMarshaller()).getMessagePrototype())
                .getDefaultInstanceForType();
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        io.grpc.Channel channel =
                io.grpc.ClientInterceptors.intercept(channel(), MetadataUtils.newAttachHeadersInterceptor(headers));
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> {
                    ClientCall<Q, R> call = channel.newCall(method, options);
                    if (method.getType() == MethodDescriptor.MethodType.SERVER_STREAMING) {
                        Iterator<R> responses = ClientCalls.blockingServerStreamingCall(call, request);
                        responses.hasNext();
                    } else {
                        ClientCalls.blockingUnaryCall(call, request);
                    }
                })
                .as(method.getFullMethodName())
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode())
                                .as(method.getFullMethodName())
                                .isEqualTo(expected));
    }
}
