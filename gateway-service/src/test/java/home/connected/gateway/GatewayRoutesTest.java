package home.connected.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import home.connected.gateway.rest.HttpRoute;
import home.connected.gateway.rest.RouteTable;
import home.connected.tokens.Permission;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Walks every route of the route table (built from the contracts), so a route added to a proto is
 * covered without touching this test.
 */
class GatewayRoutesTest extends GatewayTestSupport {

    private static final String PATH_VALUE = "v-1";
    private static final String[] ALL_PERMISSIONS =
            Arrays.stream(Permission.values()).map(Permission::value).toArray(String[]::new);

    @Autowired
    RouteTable routes;

    @Test
    void everyProtectedRouteRefusesMissingExpiredAndForgedTokensWith401() throws Exception {
        List<HttpRoute> protectedRoutes =
                routes.routes().stream().filter(r -> !r.rule().isPublic()).toList();
        assertThat(protectedRoutes).hasSizeGreaterThan(30);
        for (HttpRoute route : protectedRoutes) {
            for (String token :
                    new String[] {null, TOKENS.expired(ALL_PERMISSIONS), TOKENS.forged(ALL_PERMISSIONS), "not-a-jwt"}) {
                HttpResponse<String> response = send(route, token);
                assertThat(response.statusCode()).as(route + " with " + token).isEqualTo(401);
                assertThat(error(response).get("status").getAsString()).isEqualTo("UNAUTHENTICATED");
            }
        }
        assertThat(BACKEND.callSoFar()).as("no refused call reaches a backend").isNull();
    }

    @Test
    void everyRouteNeedingAPermissionRefusesATokenWithoutItWith403() {
        for (HttpRoute route : routes.routes()) {
            if (route.rule().permission() == null) {
                continue;
            }
            String[] allButNeeded = Arrays.stream(ALL_PERMISSIONS)
                    .filter(p -> !p.equals(route.rule().permission().value()))
                    .toArray(String[]::new);
            HttpResponse<String> response = send(route, TOKENS.token(allButNeeded));
            assertThat(response.statusCode()).as(route.toString()).isEqualTo(403);
            assertThat(error(response).get("status").getAsString()).isEqualTo("PERMISSION_DENIED");
            assertThat(error(response).get("message").getAsString())
                    .contains(route.rule().permission().value());
        }
        assertThat(BACKEND.callSoFar()).isNull();
    }

    @Test
    void everyRouteReachesItsRpcWithPathVariablesTokenAndClientAddress() throws Exception {
        for (HttpRoute route : routes.routes()) {
            String token = route.rule().permission() == null
                    ? TOKENS.token()
                    : TOKENS.token(route.rule().permission().value());
            FakeBackend.Call call;
            if (route.streamsResponses()) {
                HttpResponse<InputStream> response = open(path(route), token);
                assertThat(response.statusCode()).as(route.toString()).isEqualTo(200);
                // The stream's headers come before the backend call; leaving first would cancel it.
                call = BACKEND.nextCall();
                response.body().close();
            } else {
                HttpResponse<String> response = send(route, token);
                assertThat(response.statusCode())
                        .as(route + ": " + response.body())
                        .isEqualTo(200);
                assertThat(json(response)).isNotNull();
                call = BACKEND.nextCall();
            }
            assertThat(call).as(route.toString()).isNotNull();
            assertThat(call.method()).isEqualTo(route.rpc().getName());
            assertThat(call.authorization()).isEqualTo("Bearer " + token);
            assertThat(call.forwardedFor()).isEqualTo("127.0.0.1");
            for (String variable : route.pathVariables()) {
                assertThat(fieldValue(call.request(), variable))
                        .as(route + " " + variable)
                        .isEqualTo(PATH_VALUE);
            }
        }
    }

    @Test
    void publicRoutesNeedNoToken() throws Exception {
        List<HttpRoute> publicRoutes =
                routes.routes().stream().filter(r -> r.rule().isPublic()).toList();
        assertThat(publicRoutes)
                .extracting(HttpRoute::pathTemplate)
                .containsExactlyInAnyOrder(
                        "/api/v1/auth/login", "/api/v1/auth/refresh", "/api/v1/auth/logout", "/api/v1/auth/register");
        for (HttpRoute route : publicRoutes) {
            HttpResponse<String> response = send(route, null);
            assertThat(response.statusCode()).as(route.toString()).isEqualTo(200);
            FakeBackend.Call call = BACKEND.nextCall();
            assertThat(call.method()).isEqualTo(route.rpc().getName());
            assertThat(call.authorization()).isNull();

            HttpResponse<String> withBadToken = send(route, TOKENS.expired());
            assertThat(withBadToken.statusCode())
                    .as("a stale token does not block signing in again")
                    .isEqualTo(200);
            assertThat(BACKEND.nextCall().authorization())
                    .as("a token the gateway could not verify is not passed on")
                    .isNull();
        }
    }

    private HttpResponse<String> send(HttpRoute route, String token) {
        return send(route.httpMethod().name(), path(route), token, route.body().isEmpty() ? null : "{}");
    }

    private static String path(HttpRoute route) {
        String path = route.openApiPath();
        for (String variable : route.pathVariables()) {
            path = path.replace("{" + variable + "}", PATH_VALUE);
        }
        return path;
    }

    private static Object fieldValue(Message message, String fieldPath) {
        Object value = message;
        for (String name : fieldPath.split("\\.")) {
            Message current = (Message) value;
            Descriptor type = current.getDescriptorForType();
            FieldDescriptor field = type.findFieldByName(name);
            value = current.getField(field);
        }
        return value;
    }
}
