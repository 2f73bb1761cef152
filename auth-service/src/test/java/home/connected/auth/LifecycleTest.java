package home.connected.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Empty;
import home.connected.contracts.auth.v1.AuditServiceGrpc;
import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.contracts.auth.v1.CreateGroupRequest;
import home.connected.contracts.auth.v1.CreateInviteRequest;
import home.connected.contracts.auth.v1.Invite;
import home.connected.contracts.auth.v1.ListAuditEventsRequest;
import home.connected.contracts.auth.v1.LoginRequest;
import home.connected.contracts.auth.v1.LogoutRequest;
import home.connected.contracts.auth.v1.RefreshRequest;
import home.connected.contracts.auth.v1.RegisterRequest;
import home.connected.contracts.auth.v1.TokenPair;
import home.connected.contracts.auth.v1.User;
import home.connected.contracts.auth.v1.UserAdminServiceGrpc;
import home.connected.tokens.JwksKeySource;
import home.connected.tokens.TokenVerifier;
import home.connected.tokens.VerifiedToken;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

class LifecycleTest extends AuthServiceIntegrationTest {

    @LocalServerPort
    int httpPort;

    @Test
    void bootstrapInviteRegisterLoginRefreshReuseAndLogout() throws Exception {
        AuthServiceGrpc.AuthServiceBlockingStub auth = AuthServiceGrpc.newBlockingStub(channel());
        TokenPair adminTokens = auth.login(login(ADMIN, ADMIN_PASSWORD));
        UserAdminServiceGrpc.UserAdminServiceBlockingStub admin =
                withToken(UserAdminServiceGrpc.newBlockingStub(channel()), adminTokens.getAccessToken());

        String group = unique("readers");
        admin.createGroup(CreateGroupRequest.newBuilder()
                .setName(group)
                .addPermissions("readings:read")
                .addPermissions("alerts:read")
                .build());
        Invite invite = admin.createInvite(
                CreateInviteRequest.newBuilder().addGroups(group).build());

        String username = unique("ann");
        String password = "correct horse battery";
        User registered = auth.register(RegisterRequest.newBuilder()
                .setInviteCode(invite.getCode())
                .setUsername(username)
                .setDisplayName("Ann Example")
                .setPassword(password)
                .build());
        assertThat(registered.getGroupsList()).containsExactly(group);
        assertThatThrownBy(() -> auth.register(RegisterRequest.newBuilder()
                        .setInviteCode(invite.getCode())
                        .setUsername(unique("bob"))
                        .setPassword(password)
                        .build()))
                .satisfies(e -> assertThat(Status.fromThrowable(e).getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));

        TokenPair first = auth.login(login(username, password));
        VerifiedToken claims = verifierOverHttp().verify(first.getAccessToken());
        assertThat(claims.subject()).isEqualTo(username);
        assertThat(claims.name()).isEqualTo("Ann Example");
        assertThat(claims.groups()).containsExactly(group);
        assertThat(claims.permissions()).containsExactlyInAnyOrder("readings:read", "alerts:read");
        assertThat(first.getExpiresInSeconds()).isEqualTo(900);
        assertThat(withToken(AuthServiceGrpc.newBlockingStub(channel()), first.getAccessToken())
                        .getMe(Empty.getDefaultInstance())
                        .getUsername())
                .isEqualTo(username);

        TokenPair second = auth.refresh(refresh(first.getRefreshToken()));
        assertThat(second.getRefreshToken()).isNotEqualTo(first.getRefreshToken());
        TokenPair third = auth.refresh(refresh(second.getRefreshToken()));

        assertUnauthenticated(() -> auth.refresh(refresh(first.getRefreshToken())));
        assertUnauthenticated(() -> auth.refresh(refresh(third.getRefreshToken())));

        TokenPair again = auth.login(login(username, password));
        auth.logout(LogoutRequest.newBuilder()
                .setRefreshToken(again.getRefreshToken())
                .build());
        assertUnauthenticated(() -> auth.refresh(refresh(again.getRefreshToken())));

        var actions = withToken(AuditServiceGrpc.newBlockingStub(channel()), adminTokens.getAccessToken())
                .listAuditEvents(
                        ListAuditEventsRequest.newBuilder().setActor(username).build())
                .getEventsList()
                .stream()
                .map(e -> e.getAction())
                .toList();
        assertThat(actions).contains("user.registered", "login", "logout");
    }

    @Test
    void logoutEverywhereEndsEverySignInOfTheUserAndNoOneElses() {
        AuthServiceGrpc.AuthServiceBlockingStub auth = AuthServiceGrpc.newBlockingStub(channel());
        TokenPair adminTokens = auth.login(login(ADMIN, ADMIN_PASSWORD));
        UserAdminServiceGrpc.UserAdminServiceBlockingStub admin =
                withToken(UserAdminServiceGrpc.newBlockingStub(channel()), adminTokens.getAccessToken());
        String password = "correct horse battery";
        String username = unique("cy");
        auth.register(RegisterRequest.newBuilder()
                .setInviteCode(admin.createInvite(CreateInviteRequest.newBuilder()
                                .addGroups("members")
                                .build())
                        .getCode())
                .setUsername(username)
                .setPassword(password)
                .build());
        TokenPair phone = auth.login(login(username, password));
        TokenPair laptop = auth.login(login(username, password));
        TokenPair tablet = auth.login(login(username, password));

        auth.logout(LogoutRequest.newBuilder()
                .setRefreshToken(tablet.getRefreshToken())
                .build());
        TokenPair laptopAgain = auth.refresh(refresh(laptop.getRefreshToken()));
        assertThat(laptopAgain.getRefreshToken())
                .as("a plain logout ends only its own sign-in")
                .isNotEmpty();

        auth.logout(LogoutRequest.newBuilder()
                .setRefreshToken(phone.getRefreshToken())
                .setEverywhere(true)
                .build());

        assertUnauthenticated(() -> auth.refresh(refresh(phone.getRefreshToken())));
        assertUnauthenticated(() -> auth.refresh(refresh(laptopAgain.getRefreshToken())));
        assertThat(auth.refresh(refresh(adminTokens.getRefreshToken())).getAccessToken())
                .as("other users stay signed in")
                .isNotEmpty();
        var details = withToken(AuditServiceGrpc.newBlockingStub(channel()), adminTokens.getAccessToken())
                .listAuditEvents(
                        ListAuditEventsRequest.newBuilder().setActor(username).build())
                .getEventsList()
                .stream()
                .filter(e -> e.getAction().equals("logout"))
                .map(e -> e.getDetail())
                .toList();
        assertThat(details).containsExactlyInAnyOrder("", "all sign-ins ended");
    }

    @Test
    void aLogoutEverywhereWithAnUnknownTokenChangesNothing() {
        AuthServiceGrpc.AuthServiceBlockingStub auth = AuthServiceGrpc.newBlockingStub(channel());
        TokenPair adminTokens = auth.login(login(ADMIN, ADMIN_PASSWORD));

        assertUnauthenticated(() -> auth.logout(LogoutRequest.newBuilder()
                .setRefreshToken("not-a-refresh-token")
                .setEverywhere(true)
                .build()));

        assertThat(auth.refresh(refresh(adminTokens.getRefreshToken())).getAccessToken())
                .isNotEmpty();
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        AuthServiceGrpc.AuthServiceBlockingStub auth = AuthServiceGrpc.newBlockingStub(channel());

        StatusRuntimeException wrongPassword = catchStatus(() -> auth.login(login(ADMIN, "not-the-password-at-all")));
        StatusRuntimeException unknownUser =
                catchStatus(() -> auth.login(login(unique("nobody"), "not-the-password-at-all")));

        assertThat(wrongPassword.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(unknownUser.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(wrongPassword.getStatus().getDescription())
                .isEqualTo(unknownUser.getStatus().getDescription());
    }

    @Test
    void repeatedFailuresOnOneAccountAreThrottled() {
        AuthServiceGrpc.AuthServiceBlockingStub auth = AuthServiceGrpc.newBlockingStub(channel());
        String target = unique("victim");
        for (int i = 0; i < 5; i++) {
            String attempt = "wrong-password-" + i;
            assertThat(catchStatus(() -> auth.login(login(target, attempt)))
                            .getStatus()
                            .getCode())
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        }

        StatusRuntimeException throttled = catchStatus(() -> auth.login(login(target, "wrong-password-x")));

        assertThat(throttled.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(throttled.getStatus().getDescription()).matches("too many attempts, try again in \\d+ s");
    }

    private TokenVerifier verifierOverHttp() {
        return new TokenVerifier(
                new JwksKeySource(
                        URI.create("http://127.0.0.1:" + httpPort + "/.well-known/jwks.json"),
                        Duration.ofMinutes(5),
                        Duration.ofSeconds(10)),
                "connected-home-auth",
                "connected-home",
                Duration.ofSeconds(30));
    }

    static LoginRequest login(String username, String password) {
        return LoginRequest.newBuilder()
                .setUsername(username)
                .setPassword(password)
                .build();
    }

    private static RefreshRequest refresh(String token) {
        return RefreshRequest.newBuilder().setRefreshToken(token).build();
    }

    static StatusRuntimeException catchStatus(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call succeeded but was expected to fail");
    }

    private static void assertUnauthenticated(Runnable call) {
        assertThat(catchStatus(call).getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }
}
