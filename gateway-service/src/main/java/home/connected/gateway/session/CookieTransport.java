package home.connected.gateway.session;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import home.connected.contracts.auth.v1.LogoutRequest;
import home.connected.contracts.auth.v1.RefreshRequest;
import home.connected.contracts.auth.v1.TokenPair;
import io.grpc.Status;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

/** The refresh token in the {@code ch_refresh} cookie, for one sign-in, refresh or sign-out. */
final class CookieTransport implements RefreshTokenTransport {

    static final String COOKIE = "ch_refresh";
    /** The cookie goes only to the calls that use it, never with the rest of the API. */
    static final String COOKIE_PATH = "/api/v1/auth";

    enum Call {
        LOGIN,
        REFRESH,
        LOGOUT
    }

    private final Call call;
    private final String cookieToken;
    private final boolean secure;

    CookieTransport(Call call, String cookieToken, boolean secure) {
        this.call = call;
        this.cookieToken = cookieToken;
        this.secure = secure;
    }

    @Override
    public DynamicMessage request(DynamicMessage request) {
        if (call == Call.LOGIN) {
            return request;
        }
        FieldDescriptor field = request.getDescriptorForType()
                .findFieldByNumber(
                        call == Call.REFRESH
                                ? RefreshRequest.REFRESH_TOKEN_FIELD_NUMBER
                                : LogoutRequest.REFRESH_TOKEN_FIELD_NUMBER);
        if (!((String) request.getField(field)).isBlank()) {
            return request;
        }
        if (cookieToken.isBlank()) {
            throw Status.UNAUTHENTICATED.withDescription("Not signed in").asRuntimeException();
        }
        return request.toBuilder().setField(field, cookieToken).build();
    }

    @Override
    public byte[] response(byte[] response, HttpHeaders headers) {
        if (call == Call.LOGOUT) {
            headers.add(HttpHeaders.SET_COOKIE, cleared());
            return response;
        }
        TokenPair tokens;
        try {
            tokens = TokenPair.parseFrom(response);
        } catch (InvalidProtocolBufferException e) {
            throw Status.INTERNAL
                    .withDescription("could not read the sign-in answer")
                    .asRuntimeException();
        }
        headers.add(
                HttpHeaders.SET_COOKIE,
                cookie(tokens.getRefreshToken(), Duration.ofSeconds(tokens.getRefreshExpiresInSeconds())));
        return tokens.toBuilder().clearRefreshToken().build().toByteArray();
    }

    @Override
    public void failed(Status status, HttpHeaders headers) {
        // A refused refresh token is spent, revoked or expired: the browser has no sign-in left.
        boolean signedOut =
                call == Call.LOGOUT || (call == Call.REFRESH && status.getCode() == Status.Code.UNAUTHENTICATED);
        if (signedOut) {
            headers.add(HttpHeaders.SET_COOKIE, cleared());
        }
    }

    private String cleared() {
        return cookie("", Duration.ZERO);
    }

    private String cookie(String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value)
                .path(COOKIE_PATH)
                .maxAge(maxAge)
                .httpOnly(true)
                .secure(secure)
                .sameSite("Strict")
                .build()
                .toString();
    }
}
