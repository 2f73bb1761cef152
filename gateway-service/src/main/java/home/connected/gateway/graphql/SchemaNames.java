package home.connected.gateway.graphql;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import home.connected.gateway.Contracts;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The schema's names. A type is named after its message or enum ({@code Sensor}; a nested one after
 * its path, {@code RuleStatus}); when two packages have a type of the same name, every one of them
 * takes its package's feature as a prefix ({@code QuerySensor}, {@code AuthSensor}). A root field is
 * its RPC's name in lowerCamel, a query's without its {@code Get} or {@code List} verb and a
 * subscription's without {@code Stream}; two services' fields of the same name take the same prefix.
 */
final class SchemaNames {

    private final Map<String, String> typeNames = new HashMap<>();

    /** @param types the full names of every message and enum the schema shows, by their file */
    SchemaNames(Map<String, FileDescriptor> types) {
        Map<String, Long> counts = types.keySet().stream()
                .collect(Collectors.groupingBy(
                        fullName -> localName(fullName, types.get(fullName)), Collectors.counting()));
        types.forEach((fullName, file) -> {
            String local = localName(fullName, file);
            typeNames.put(fullName, counts.get(local) > 1 ? featureOf(file.getPackage()) + local : local);
        });
    }

    String of(Descriptor message) {
        return known(message.getFullName());
    }

    String of(EnumDescriptor enumType) {
        return known(enumType.getFullName());
    }

    static String input(String typeName) {
        return typeName + "Input";
    }

    /** Root field names of RPCs in one root type, with the collision rule applied. */
    static Map<MethodDescriptor, String> rootFields(
            Collection<MethodDescriptor> rpcs, Function<String, String> shorten) {
        Map<String, Long> counts = rpcs.stream()
                .collect(Collectors.groupingBy(rpc -> lowerCamel(shorten.apply(rpc.getName())), Collectors.counting()));
        Map<MethodDescriptor, String> names = new HashMap<>();
        for (MethodDescriptor rpc : rpcs) {
            String name = lowerCamel(shorten.apply(rpc.getName()));
            names.put(
                    rpc,
                    counts.get(name) > 1
                            ? Contracts.backendOf(rpc.getService().getFullName()) + upperFirst(name)
                            : name);
        }
        return names;
    }

    /** {@code GetSeries} → {@code Series}, {@code ListSensors} → {@code Sensors}. */
    static String withoutVerb(String rpcName, String... verbs) {
        for (String verb : verbs) {
            if (rpcName.length() > verb.length()
                    && rpcName.startsWith(verb)
                    && Character.isUpperCase(rpcName.charAt(verb.length()))) {
                return rpcName.substring(verb.length());
            }
        }
        return rpcName;
    }

    static String lowerCamel(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private String known(String fullName) {
        String name = typeNames.get(fullName);
        if (name == null) {
            throw new IllegalStateException(fullName + " is not a type of the schema");
        }
        return name;
    }

    /** {@code home.connected.alert.v1.Rule.Status} in package {@code home.connected.alert.v1} → {@code RuleStatus}. */
    private static String localName(String fullName, FileDescriptor file) {
        String local = file.getPackage().isEmpty()
                ? fullName
                : fullName.substring(file.getPackage().length() + 1);
        return local.replace(".", "");
    }

    private static String featureOf(String protoPackage) {
        String feature = Contracts.backendOf(protoPackage + ".Service");
        if (feature.isEmpty()) {
            String[] parts = protoPackage.split("\\.");
            feature = parts[parts.length - 1];
        }
        return upperFirst(feature);
    }

    private static String upperFirst(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
