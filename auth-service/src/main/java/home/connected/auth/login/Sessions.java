package home.connected.auth.login;

import home.connected.access.ApiException;
import home.connected.auth.account.Accounts;
import home.connected.auth.account.UserAccount;
import home.connected.auth.audit.AuditLog;
import home.connected.auth.grpc.Caller;
import home.connected.auth.password.LoginThrottle;
import home.connected.auth.password.Passwords;
import home.connected.auth.token.AccessTokens;
import home.connected.auth.token.RefreshTokens;
import home.connected.auth.token.TokenProperties;
import home.connected.contracts.auth.v1.TokenPair;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sign-in, refresh, sign-out and password change. Login is deliberately not one transaction: a
 * refused attempt must still leave its audit line.
 */
@Service
class Sessions {

    private static final String WRONG_CREDENTIALS = "username or password is wrong";
    private static final int MAX_INPUT = 200;

    private final Accounts accounts;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final TokenProperties tokenProperties;
    private final AuditLog audit;

    Sessions(
            Accounts accounts,
            Passwords passwords,
            LoginThrottle throttle,
            AccessTokens accessTokens,
            RefreshTokens refreshTokens,
            TokenProperties tokenProperties,
            AuditLog audit) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.tokenProperties = tokenProperties;
        this.audit = audit;
    }

    TokenPair login(String username, String password) {
        if (username == null || username.isBlank() || username.length() > MAX_INPUT) {
            throw ApiException.invalidArgument("username is required");
        }
        if (password == null || password.isEmpty()) {
            throw ApiException.invalidArgument("password is required");
        }
        String name = username.strip();
        String address = Caller.address();
        throttle.check(name, address);
        UserAccount user = accounts.find(name).orElse(null);
        boolean correct = passwords.matches(password, user != null ? user.getPasswordHash() : null);
        if (!correct) {
            throttle.recordFailure(name, address);
            audit.recordAs(name, "login.failed", "user:" + name, user == null ? "unknown user" : "wrong password");
            throw ApiException.unauthenticated(WRONG_CREDENTIALS);
        }
        throttle.recordSuccess(name);
        if (!user.isEnabled()) {
            audit.recordAs(name, "login.refused", "user:" + name, "account disabled");
            throw ApiException.permissionDenied("this account is disabled; ask an admin");
        }
        TokenPair pair = pair(user, refreshTokens.start(user.getId()));
        audit.recordAs(name, "login", "user:" + name, "");
        return pair;
    }

    TokenPair refresh(String refreshToken) {
        requireToken(refreshToken);
        RefreshTokens.Rotation rotation = refreshTokens.rotate(refreshToken.strip());
        UserAccount user = accounts.find(rotation.userId())
                .orElseThrow(() -> ApiException.unauthenticated("the account no longer exists"));
        if (!user.isEnabled()) {
            refreshTokens.revokeAllOf(user.getId());
            throw ApiException.permissionDenied("this account is disabled; ask an admin");
        }
        return pair(user, rotation.refreshToken());
    }

    /** @param everywhere whether every sign-in of the token's user ends, not only the token's own */
    void logout(String refreshToken, boolean everywhere) {
        requireToken(refreshToken);
        long userId = refreshTokens
                .revokeFamilyOf(refreshToken.strip())
                .orElseThrow(() -> ApiException.unauthenticated("the refresh token is not valid; nothing to sign out"));
        if (everywhere) {
            refreshTokens.revokeAllOf(userId);
        }
        String username = accounts.find(userId).map(UserAccount::getUsername).orElse("unknown");
        audit.recordAs(username, "logout", "user:" + username, everywhere ? "all sign-ins ended" : "");
    }

    @Transactional
    void changePassword(String current, String next) {
        String username = Caller.username();
        if (current == null || current.isEmpty()) {
            throw ApiException.invalidArgument("current_password is required");
        }
        throttle.check(username, Caller.address());
        UserAccount user =
                accounts.find(username).orElseThrow(() -> ApiException.unauthenticated("the account no longer exists"));
        String newHash = passwords.hashNew(next, username);
        if (!passwords.matches(current, user.getPasswordHash())) {
            throttle.recordFailure(username, Caller.address());
            throw ApiException.permissionDenied("current_password is wrong");
        }
        accounts.replacePasswordHash(username, newHash);
        refreshTokens.revokeAllOf(user.getId());
        audit.record("password.changed", "user:" + username, "all sign-ins ended");
    }

    private TokenPair pair(UserAccount user, String refreshToken) {
        return TokenPair.newBuilder()
                .setAccessToken(accessTokens.issue(Accounts.subjectOf(user)))
                .setTokenType("Bearer")
                .setExpiresInSeconds(tokenProperties.accessTokenTtl().toSeconds())
                .setRefreshToken(refreshToken)
                .setRefreshExpiresInSeconds(tokenProperties.refreshTokenTtl().toSeconds())
                .build();
    }

    private static void requireToken(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > MAX_INPUT) {
            throw ApiException.invalidArgument("refresh_token is required");
        }
    }
}
