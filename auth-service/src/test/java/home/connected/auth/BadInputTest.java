package home.connected.auth;

import static home.connected.auth.LifecycleTest.catchStatus;
import static home.connected.auth.LifecycleTest.login;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Empty;
import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.contracts.auth.v1.CreateGroupRequest;
import home.connected.contracts.auth.v1.CreateInviteRequest;
import home.connected.contracts.auth.v1.CreateUserRequest;
import home.connected.contracts.auth.v1.DeleteGroupRequest;
import home.connected.contracts.auth.v1.GroupMemberRequest;
import home.connected.contracts.auth.v1.ListUsersRequest;
import home.connected.contracts.auth.v1.RegisterRequest;
import home.connected.contracts.auth.v1.SetGroupPermissionsRequest;
import home.connected.contracts.auth.v1.SetUserEnabledRequest;
import home.connected.contracts.auth.v1.UserAdminServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BadInputTest extends AuthServiceIntegrationTest {

    private UserAdminServiceGrpc.UserAdminServiceBlockingStub admin;

    @BeforeEach
    void signInAsAdmin() {
        String token = AuthServiceGrpc.newBlockingStub(channel())
                .login(login(ADMIN, ADMIN_PASSWORD))
                .getAccessToken();
        admin = withToken(UserAdminServiceGrpc.newBlockingStub(channel()), token);
    }

    @Test
    void badUsernamesPasswordsAndGroupsAreRefusedAndNothingIsWritten() {
        int usersBefore = userCount();

        assertRefused(Status.Code.INVALID_ARGUMENT, "username", () -> admin.createUser(user("", "long-enough-pw")));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "username",
                () -> admin.createUser(user("x".repeat(33), "long-enough-pw")));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "username",
                () -> admin.createUser(user("Robert'); DROP", "long-enough-pw")));
        assertRefused(Status.Code.INVALID_ARGUMENT, "username", () -> admin.createUser(user("zoë", "long-enough-pw")));
        assertRefused(Status.Code.INVALID_ARGUMENT, "at least 10", () -> admin.createUser(user(unique("ok"), "short")));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "72 bytes",
                () -> admin.createUser(user(unique("ok"), "p".repeat(60) + "ä".repeat(10))));
        assertRefused(
                Status.Code.NOT_FOUND,
                "does not exist",
                () -> admin.createUser(CreateUserRequest.newBuilder()
                        .setUsername(unique("ok"))
                        .setPassword("long-enough-pw")
                        .addGroups("members")
                        .addGroups("no-such-group")
                        .build()));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "display_name",
                () -> admin.createUser(CreateUserRequest.newBuilder()
                        .setUsername(unique("ok"))
                        .setDisplayName("bell\u0007")
                        .setPassword("long-enough-pw")
                        .build()));

        assertThat(userCount()).isEqualTo(usersBefore);
    }

    @Test
    void badGroupChangesAreRefusedAndNothingIsWritten() {
        var groupsBefore = admin.listGroups(Empty.getDefaultInstance());

        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "unknown permission 'root:all'",
                () -> admin.createGroup(CreateGroupRequest.newBuilder()
                        .setName(unique("g"))
                        .addPermissions("root:all")
                        .build()));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "name",
                () -> admin.createGroup(CreateGroupRequest.newBuilder()
                        .setName("Spaces Not Allowed")
                        .build()));
        assertRefused(
                Status.Code.ALREADY_EXISTS,
                "already exists",
                () -> admin.createGroup(
                        CreateGroupRequest.newBuilder().setName("members").build()));
        assertRefused(
                Status.Code.FAILED_PRECONDITION,
                "built-in",
                () -> admin.deleteGroup(
                        DeleteGroupRequest.newBuilder().setName("guests").build()));
        assertRefused(
                Status.Code.FAILED_PRECONDITION,
                "every permission",
                () -> admin.setGroupPermissions(SetGroupPermissionsRequest.newBuilder()
                        .setName("admins")
                        .build()));
        assertRefused(
                Status.Code.NOT_FOUND,
                "does not exist",
                () -> admin.addGroupMember(GroupMemberRequest.newBuilder()
                        .setName("members")
                        .setUsername(unique("ghost"))
                        .build()));
        assertRefused(
                Status.Code.NOT_FOUND,
                "does not exist",
                () -> admin.deleteGroup(
                        DeleteGroupRequest.newBuilder().setName(unique("nope")).build()));
        assertRefused(
                Status.Code.FAILED_PRECONDITION,
                "last enabled admin",
                () -> admin.setUserEnabled(SetUserEnabledRequest.newBuilder()
                        .setUsername(ADMIN)
                        .setEnabled(false)
                        .build()));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "page_token",
                () -> admin.listUsers(ListUsersRequest.newBuilder()
                        .setPageToken("'; select 1")
                        .build()));
        assertRefused(
                Status.Code.INVALID_ARGUMENT,
                "valid_for_seconds",
                () -> admin.createInvite(CreateInviteRequest.newBuilder()
                        .addGroups("members")
                        .setValidForSeconds(-5)
                        .build()));
        assertRefused(
                Status.Code.PERMISSION_DENIED,
                "invite code",
                () -> AuthServiceGrpc.newBlockingStub(channel())
                        .register(RegisterRequest.newBuilder()
                                .setInviteCode("made-up-code")
                                .setUsername(unique("eve"))
                                .setPassword("long-enough-pw")
                                .build()));

        assertThat(admin.listGroups(Empty.getDefaultInstance())).isEqualTo(groupsBefore);
    }

    @Test
    void twoSimultaneousRegistrationsOfOneUsernameLetExactlyOneThrough() throws Exception {
        String username = unique("twin");
        String first = admin.createInvite(
                        CreateInviteRequest.newBuilder().addGroups("guests").build())
                .getCode();
        String second = admin.createInvite(
                        CreateInviteRequest.newBuilder().addGroups("guests").build())
                .getCode();
        AuthServiceGrpc.AuthServiceBlockingStub auth = AuthServiceGrpc.newBlockingStub(channel());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Status.Code> a = pool.submit(registration(auth, start, first, username));
            Future<Status.Code> b = pool.submit(registration(auth, start, second, username));
            start.countDown();
            assertThat(java.util.List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS)))
                    .containsExactlyInAnyOrder(Status.Code.OK, Status.Code.ALREADY_EXISTS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(admin
                        .listUsers(
                                ListUsersRequest.newBuilder().setPageSize(200).build())
                        .getUsersList()
                        .stream()
                        .filter(u -> u.getUsername().equals(username))
                        .count())
                .isEqualTo(1);
    }

    private static Callable<Status.Code> registration(
            AuthServiceGrpc.AuthServiceBlockingStub auth, CountDownLatch start, String code, String username) {
        return () -> {
            start.await();
            try {
                auth.register(RegisterRequest.newBuilder()
                        .setInviteCode(code)
                        .setUsername(username)
                        .setPassword("twin-password-123")
                        .build());
                return Status.Code.OK;
            } catch (StatusRuntimeException e) {
                return e.getStatus().getCode();
            }
        };
    }

    private int userCount() {
        int count = 0;
        String page = "";
        do {
            var answer = admin.listUsers(ListUsersRequest.newBuilder()
                    .setPageSize(200)
                    .setPageToken(page)
                    .build());
            count += answer.getUsersCount();
            page = answer.getNextPageToken();
        } while (!page.isEmpty());
        return count;
    }

    private static CreateUserRequest user(String username, String password) {
        return CreateUserRequest.newBuilder()
                .setUsername(username)
                .setPassword(password)
                .build();
    }

    private static void assertRefused(Status.Code code, String messagePart, Supplier<?> call) {
        StatusRuntimeException refused = catchStatus(call::get);
        assertThat(refused.getStatus().getCode()).isEqualTo(code);
        assertThat(refused.getStatus().getDescription()).contains(messagePart).doesNotContainIgnoringCase("sql");
    }
}
