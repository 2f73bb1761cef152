package home.connected.auth;

import static home.connected.auth.LifecycleTest.catchStatus;
import static home.connected.auth.LifecycleTest.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Empty;
import home.connected.contracts.auth.v1.AuditEvent;
import home.connected.contracts.auth.v1.AuditServiceGrpc;
import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.contracts.auth.v1.ChangePasswordRequest;
import home.connected.contracts.auth.v1.CreateUserRequest;
import home.connected.contracts.auth.v1.GroupMemberRequest;
import home.connected.contracts.auth.v1.ListAuditEventsRequest;
import home.connected.contracts.auth.v1.ListAuditEventsResponse;
import home.connected.contracts.auth.v1.ListUsersRequest;
import home.connected.contracts.auth.v1.ListUsersResponse;
import home.connected.contracts.auth.v1.RefreshRequest;
import home.connected.contracts.auth.v1.SetUserEnabledRequest;
import home.connected.contracts.auth.v1.TokenPair;
import home.connected.contracts.auth.v1.UserAdminServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class AccountAdminTest extends AuthServiceIntegrationTest {

    private static final String PASSWORD = "first-password-1";

    @Autowired
    JdbcTemplate jdbc;

    private String adminToken;
    private UserAdminServiceGrpc.UserAdminServiceBlockingStub admin;
    private AuthServiceGrpc.AuthServiceBlockingStub auth;

    @BeforeEach
    void signInAsAdmin() {
        auth = AuthServiceGrpc.newBlockingStub(channel());
        adminToken = auth.login(login(ADMIN, ADMIN_PASSWORD)).getAccessToken();
        admin = withToken(UserAdminServiceGrpc.newBlockingStub(channel()), adminToken);
    }

    @Test
    void disablingAUserEndsTheirSessionsAndRefusesSignIn() {
        String username = newUser();
        TokenPair tokens = auth.login(login(username, PASSWORD));

        admin.setUserEnabled(SetUserEnabledRequest.newBuilder()
                .setUsername(username)
                .setEnabled(false)
                .build());

        assertThat(codeOf(() -> auth.refresh(RefreshRequest.newBuilder()
                        .setRefreshToken(tokens.getRefreshToken())
                        .build())))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(codeOf(() -> auth.login(login(username, PASSWORD)))).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(codeOf(() -> withToken(AuthServiceGrpc.newBlockingStub(channel()), tokens.getAccessToken())
                        .getMe(Empty.getDefaultInstance())))
                .isEqualTo(Status.Code.UNAUTHENTICATED);

        admin.setUserEnabled(SetUserEnabledRequest.newBuilder()
                .setUsername(username)
                .setEnabled(true)
                .build());
        assertThat(auth.login(login(username, PASSWORD)).getAccessToken()).isNotEmpty();
    }

    @Test
    void changingThePasswordReplacesItAndEndsOtherSessions() {
        String username = newUser();
        TokenPair tokens = auth.login(login(username, PASSWORD));
        AuthServiceGrpc.AuthServiceBlockingStub me =
                withToken(AuthServiceGrpc.newBlockingStub(channel()), tokens.getAccessToken());

        assertThat(codeOf(() -> me.changePassword(ChangePasswordRequest.newBuilder()
                        .setCurrentPassword("not-my-password")
                        .setNewPassword("second-password-2")
                        .build())))
                .isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(codeOf(() -> me.changePassword(ChangePasswordRequest.newBuilder()
                        .setCurrentPassword(PASSWORD)
                        .setNewPassword("short")
                        .build())))
                .isEqualTo(Status.Code.INVALID_ARGUMENT);
        me.changePassword(ChangePasswordRequest.newBuilder()
                .setCurrentPassword(PASSWORD)
                .setNewPassword("second-password-2")
                .build());

        assertThat(codeOf(() -> auth.login(login(username, PASSWORD)))).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(codeOf(() -> auth.refresh(RefreshRequest.newBuilder()
                        .setRefreshToken(tokens.getRefreshToken())
                        .build())))
                .isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(auth.login(login(username, "second-password-2")).getAccessToken())
                .isNotEmpty();
    }

    @Test
    void theLastAdminCannotBeRemovedButAnotherAdminMakesItPossible() {
        String second = newUser();
        assertThat(codeOf(() -> admin.removeGroupMember(member("admins", ADMIN))))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);

        admin.addGroupMember(member("admins", second));
        assertThat(admin.removeGroupMember(member("admins", second)).getMembersList())
                .contains(ADMIN)
                .doesNotContain(second);
    }

    @Test
    void aClientCannotChooseItsAuditedAddressAndTheAuditLogIsAppendOnly() {
        String username = newUser();
        Metadata spoofed = new Metadata();
        spoofed.put(Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER), "203.0.113.9");
        auth.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(spoofed))
                .login(login(username, PASSWORD));

        AuditEvent loginEvent = withToken(AuditServiceGrpc.newBlockingStub(channel()), adminToken)
                .listAuditEvents(
                        ListAuditEventsRequest.newBuilder().setActor(username).build())
                .getEventsList()
                .stream()
                .filter(e -> e.getAction().equals("login"))
                .findFirst()
                .orElseThrow();
        assertThat(loginEvent.getClientAddress()).isEqualTo("127.0.0.1");

        assertThatThrownBy(() -> jdbc.update("UPDATE audit_events SET actor = 'someone-else'"))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("DELETE FROM audit_events")).hasMessageContaining("append-only");
    }

    @Test
    void usersAndAuditEventsArePagedWithoutGapsOrRepeats() {
        List<String> created = List.of(newUser(), newUser(), newUser());

        List<String> listed = new ArrayList<>();
        String page = "";
        do {
            ListUsersResponse answer = admin.listUsers(ListUsersRequest.newBuilder()
                    .setPageSize(2)
                    .setPageToken(page)
                    .build());
            assertThat(answer.getUsersCount()).isLessThanOrEqualTo(2);
            answer.getUsersList().forEach(user -> listed.add(user.getUsername()));
            page = answer.getNextPageToken();
        } while (!page.isEmpty());
        assertThat(listed).doesNotHaveDuplicates().containsAll(created).contains(ADMIN);

        AuditServiceGrpc.AuditServiceBlockingStub audit =
                withToken(AuditServiceGrpc.newBlockingStub(channel()), adminToken);
        ListAuditEventsResponse first = audit.listAuditEvents(
                ListAuditEventsRequest.newBuilder().setPageSize(2).build());
        ListAuditEventsResponse second = audit.listAuditEvents(ListAuditEventsRequest.newBuilder()
                .setPageSize(2)
                .setPageToken(first.getNextPageToken())
                .build());
        List<Long> ids = new ArrayList<>();
        first.getEventsList().forEach(e -> ids.add(e.getId()));
        second.getEventsList().forEach(e -> ids.add(e.getId()));
        assertThat(ids)
                .hasSize(4)
                .isSortedAccordingTo(Comparator.reverseOrder())
                .doesNotHaveDuplicates();
    }

    private String newUser() {
        String username = unique("user");
        admin.createUser(CreateUserRequest.newBuilder()
                .setUsername(username)
                .setPassword(PASSWORD)
                .build());
        return username;
    }

    private static GroupMemberRequest member(String group, String username) {
        return GroupMemberRequest.newBuilder()
                .setName(group)
                .setUsername(username)
                .build();
    }

    private static Status.Code codeOf(Runnable call) {
        return catchStatus(call).getStatus().getCode();
    }
}
