package home.connected.gateway.session;

import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.gateway.web.RequestOrigin;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Picks the {@link RefreshTokenTransport} of a REST call. Cookie mode is asked for with
 * {@code X-CH-Session: cookie} on sign-in, refresh and sign-out. That header is what keeps the
 * cookie from being used by another site: a cross-site form cannot send it, and a cross-site
 * script would need a CORS preflight, which the gateway never answers. A browser's {@code Origin},
 * when sent, must also be the gateway's own.
 */
@Component
public class RefreshTokenTransports {

    static final String MODE_HEADER = "X-CH-Session";
    static final String COOKIE_MODE = "cookie";

    private static final Map<String, CookieTransport.Call> CALLS = Map.of(
            AuthServiceGrpc.getLoginMethod().getFullMethodName(), CookieTransport.Call.LOGIN,
            AuthServiceGrpc.getRefreshMethod().getFullMethodName(), CookieTransport.Call.REFRESH,
            AuthServiceGrpc.getLogoutMethod().getFullMethodName(), CookieTransport.Call.LOGOUT);

    /**
     * @throws io.grpc.StatusRuntimeException PERMISSION_DENIED for cookie mode from another origin
     */
    public RefreshTokenTransport of(ServerHttpRequest request, MethodDescriptor<?, ?> method) {
        CookieTransport.Call call = CALLS.get(method.getFullMethodName());
        if (call == null
                || !COOKIE_MODE.equalsIgnoreCase(strip(request.getHeaders().getFirst(MODE_HEADER)))) {
            return RefreshTokenTransport.IN_BODY;
        }
        String origin = request.getHeaders().getFirst(HttpHeaders.ORIGIN);
        if (origin != null && !RequestOrigin.normalise(origin).equals(RequestOrigin.of(request))) {
            throw Status.PERMISSION_DENIED
                    .withDescription("Cross-site request refused")
                    .asRuntimeException();
        }
        var cookie = request.getCookies().getFirst(CookieTransport.COOKIE);
        return new CookieTransport(call, cookie == null ? "" : cookie.getValue(), RequestOrigin.isSecure(request));
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
