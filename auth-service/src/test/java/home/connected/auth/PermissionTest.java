package home.connected.auth;

import static home.connected.auth.LifecycleTest.login;
import static org.assertj.core.api.Assertions.assertThat;

import home.connected.contracts.auth.v1.AuditServiceGrpc;
import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.contracts.auth.v1.CreateUserRequest;
import home.connected.contracts.auth.v1.DeviceServiceGrpc;
import home.connected.contracts.auth.v1.UserAdminServiceGrpc;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Walks the service descriptors, so an RPC added later is covered without touching this test. */
class PermissionTest extends AuthServiceIntegrationTest {

    private static final List<ServiceDescriptor> NEED_USERS_MANAGE =
            List.of(UserAdminServiceGrpc.getServiceDescriptor(), AuditServiceGrpc.getServiceDescriptor());

    @Test
    void aMemberIsRefusedEveryAdminAndDeviceRpc() {
        String memberToken = signedInMember();
        Channel asMember = withHeader(memberToken);
        int checked = 0;
        for (ServiceDescriptor service : NEED_USERS_MANAGE) {
            for (MethodDescriptor<?, ?> method : service.getMethods()) {
                assertThat(statusOf(asMember, method))
                        .as(method.getFullMethodName())
                        .isEqualTo(Status.Code.PERMISSION_DENIED);
                checked++;
            }
        }
        for (MethodDescriptor<?, ?> method :
                DeviceServiceGrpc.getServiceDescriptor().getMethods()) {
            if (method.equals(DeviceServiceGrpc.getListDevicePlacesMethod())) {
                continue;
            }
            assertThat(statusOf(asMember, method))
                    .as(method.getFullMethodName())
                    .isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        assertThat(checked)
                .isEqualTo(
                        UserAdminServiceGrpc.getServiceDescriptor().getMethods().size() + 1);
    }

    @Test
    void whoMaySeeReadingsMaySeeTheDevicePlacesButNotChangeThem() {
        Channel asMember = withHeader(signedInMember());

        assertThat(statusOf(asMember, DeviceServiceGrpc.getListDevicePlacesMethod()))
                .isEqualTo(Status.Code.OK);
        assertThat(statusOf(asMember, DeviceServiceGrpc.getSetDevicePlaceMethod()))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
    }

    @Test
    void withoutATokenEveryProtectedRpcIsUnauthenticated() {
        for (ServiceDescriptor service : List.of(
                UserAdminServiceGrpc.getServiceDescriptor(),
                AuditServiceGrpc.getServiceDescriptor(),
                DeviceServiceGrpc.getServiceDescriptor())) {
            for (MethodDescriptor<?, ?> method : service.getMethods()) {
                assertThat(statusOf(channel(), method))
                        .as(method.getFullMethodName())
                        .isEqualTo(Status.Code.UNAUTHENTICATED);
            }
        }
        assertThat(statusOf(channel(), AuthServiceGrpc.getGetMeMethod())).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(statusOf(channel(), AuthServiceGrpc.getChangePasswordMethod()))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(statusOf(withHeader("not-a-jwt"), AuthServiceGrpc.getGetMeMethod()))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    private String signedInMember() {
        String adminToken = AuthServiceGrpc.newBlockingStub(channel())
                .login(login(ADMIN, ADMIN_PASSWORD))
                .getAccessToken();
        String member = unique("member");
        withToken(UserAdminServiceGrpc.newBlockingStub(channel()), adminToken)
                .createUser(CreateUserRequest.newBuilder()
                        .setUsername(member)
                        .setPassword("member-password-1")
                        .addGroups("members")
                        .build());
        return AuthServiceGrpc.newBlockingStub(channel())
                .login(login(member, "member-password-1"))
                .getAccessToken();
    }

    private Channel withHeader(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return ClientInterceptors.intercept(channel(), MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Status.Code statusOf(Channel channel, MethodDescriptor<?, ?> method) {
        Object request = ((MethodDescriptor.PrototypeMarshaller) method.getRequestMarshaller()).getMessagePrototype();
        try {
            ClientCalls.blockingUnaryCall(channel, (MethodDescriptor) method, CallOptions.DEFAULT, request);
            return Status.Code.OK;
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        }
    }
}
