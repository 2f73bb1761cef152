package home.connected.auth.api;

import home.connected.contracts.auth.v1.AuditServiceGrpc;
import home.connected.contracts.auth.v1.AuthServiceGrpc;
import home.connected.contracts.auth.v1.DeviceServiceGrpc;
import home.connected.contracts.auth.v1.UserAdminServiceGrpc;
import home.connected.tokens.Permission;
import java.util.Map;
import java.util.Set;

/**
 * Who may call which RPC, in one place. Decided per service, so an RPC added to a service is
 * covered by that service's rule; a service this table does not name is refused.
 */
record MethodAccess(Kind kind, Permission permission) {

    enum Kind {
        PUBLIC,
        SIGNED_IN,
        NEEDS_PERMISSION,
        REFUSED
    }

    private static final MethodAccess PUBLIC = new MethodAccess(Kind.PUBLIC, null);
    private static final MethodAccess SIGNED_IN = new MethodAccess(Kind.SIGNED_IN, null);
    private static final MethodAccess REFUSED = new MethodAccess(Kind.REFUSED, null);

    private static final Set<String> PUBLIC_SERVICES =
            Set.of("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");

    /** AuthService's RPCs a caller uses before having an access token. */
    private static final Set<String> PUBLIC_AUTH_METHODS = Set.of(
            AuthServiceGrpc.getLoginMethod().getFullMethodName(),
            AuthServiceGrpc.getRefreshMethod().getFullMethodName(),
            AuthServiceGrpc.getLogoutMethod().getFullMethodName(),
            AuthServiceGrpc.getRegisterMethod().getFullMethodName());

    private static final Map<String, Permission> SERVICE_PERMISSIONS = Map.of(
            UserAdminServiceGrpc.SERVICE_NAME, Permission.USERS_MANAGE,
            AuditServiceGrpc.SERVICE_NAME, Permission.USERS_MANAGE,
            DeviceServiceGrpc.SERVICE_NAME, Permission.DEVICES_MANAGE);

    static MethodAccess of(String serviceName, String fullMethodName) {
        if (PUBLIC_SERVICES.contains(serviceName) || PUBLIC_AUTH_METHODS.contains(fullMethodName)) {
            return PUBLIC;
        }
        if (AuthServiceGrpc.SERVICE_NAME.equals(serviceName)) {
            return SIGNED_IN;
        }
        Permission permission = SERVICE_PERMISSIONS.get(serviceName);
        return permission != null ? new MethodAccess(Kind.NEEDS_PERMISSION, permission) : REFUSED;
    }
}
