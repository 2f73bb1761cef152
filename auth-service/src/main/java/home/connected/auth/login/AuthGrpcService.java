package home.connected.auth.login;

import static home.connected.access.Rpc.answer;

import com.google.protobuf.Empty;
import home.connected.auth.account.Accounts;
import home.connected.auth.grpc.Caller;
import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.contracts.auth.v1.ChangePasswordRequest;
import home.connected.contracts.auth.v1.LoginRequest;
import home.connected.contracts.auth.v1.LogoutRequest;
import home.connected.contracts.auth.v1.RefreshRequest;
import home.connected.contracts.auth.v1.RegisterRequest;
import home.connected.contracts.auth.v1.TokenPair;
import home.connected.contracts.auth.v1.User;
import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Service;

@Service
class AuthGrpcService extends AuthServiceGrpc.AuthServiceImplBase {

    private final Sessions sessions;
    private final Accounts accounts;

    AuthGrpcService(Sessions sessions, Accounts accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @Override
    public void login(LoginRequest request, StreamObserver<TokenPair> response) {
        answer(response, () -> sessions.login(request.getUsername(), request.getPassword()));
    }

    @Override
    public void refresh(RefreshRequest request, StreamObserver<TokenPair> response) {
        answer(response, () -> sessions.refresh(request.getRefreshToken()));
    }

    @Override
    public void logout(LogoutRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            sessions.logout(request.getRefreshToken(), request.getEverywhere());
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<User> response) {
        answer(
                response,
                () -> accounts.register(
                        request.getInviteCode(),
                        request.getUsername(),
                        request.getDisplayName(),
                        request.getPassword()));
    }

    @Override
    public void getMe(Empty request, StreamObserver<User> response) {
        answer(response, () -> accounts.me(Caller.username()));
    }

    @Override
    public void changePassword(ChangePasswordRequest request, StreamObserver<Empty> response) {
        answer(response, () -> {
            sessions.changePassword(request.getCurrentPassword(), request.getNewPassword());
            return Empty.getDefaultInstance();
        });
    }
}
