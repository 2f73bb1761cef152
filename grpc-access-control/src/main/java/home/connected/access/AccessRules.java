package home.connected.access;

import com.google.protobuf.Descriptors.MethodDescriptor;
import home.connected.contracts.ServiceContracts;
import home.connected.contracts.access.v1.Access;
import home.connected.contracts.access.v1.AccessProto;
import home.connected.tokens.Permission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call each RPC of the contracts, as the RPC's {@code (home.connected.access.v1.access)}
 * option declares it. An RPC this catalogue does not know is refused.
 */
public final class AccessRules {

    /** Standard services every gRPC server may expose without a token. */
    private static final List<String> PUBLIC_SERVICES =
            List.of("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");

    private static final Map<String, Rule> RULES = load();

    private AccessRules() {}

    /** The rule of an RPC by its full gRPC method name, e.g. {@code home.connected.query.v1.QueryService/ListSensors}. */
    public static Optional<Rule> of(String fullMethodName) {
        Rule rule = RULES.get(fullMethodName);
        if (rule == null && PUBLIC_SERVICES.stream().anyMatch(s -> fullMethodName.startsWith(s + "/"))) {
            return Optional.of(Rule.PUBLIC);
        }
        return Optional.ofNullable(rule);
    }

    /** The rule of an RPC by its descriptor. */
    public static Rule of(MethodDescriptor method) {
        Access access = method.getOptions().getExtension(AccessProto.access);
        if (access.getPublic()) {
            return Rule.PUBLIC;
        }
        if (access.getPermission().isEmpty()) {
            return Rule.SIGNED_IN;
        }
        Permission permission = Permission.fromValue(access.getPermission())
                .orElseThrow(() -> new IllegalStateException(
                        method.getFullName() + " names an unknown permission " + access.getPermission()));
        return new Rule(false, permission);
    }

    private static Map<String, Rule> load() {
        Map<String, Rule> rules = new HashMap<>();
        ServiceContracts.methods()
                .forEach(method -> rules.put(method.getService().getFullName() + "/" + method.getName(), of(method)));
        return Map.copyOf(rules);
    }

    /**
     * @param isPublic callable without a token
     * @param permission the permission the token must carry; null when any signed-in caller may call
     */
    public record Rule(boolean isPublic, Permission permission) {

        public static final Rule PUBLIC = new Rule(true, null);
        public static final Rule SIGNED_IN = new Rule(false, null);
    }
}
