package home.connected.gateway.graphql;

import com.google.api.AnnotationsProto;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import home.connected.access.AccessRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The GraphQL schema of the contracts, generated from their descriptors: messages become object types
 * (and {@code …Input} types where they are sent), enums enums, a read RPC (a {@code GET} mapping, or a
 * {@code Get…}/{@code List…} name) a {@code Query} field, any other unary RPC a {@code Mutation} field
 * and a server-streaming RPC a {@code Subscription} field whose arguments are the request's fields.
 *
 * <p>Timestamp and Duration are scalars in their proto JSON form, 64-bit integers the {@code Int64}
 * scalar (a string, as in proto JSON), bytes {@code Bytes} (base64), a map a list of key/value
 * entries, a oneof its members as nullable fields. A message without fields (Empty) is no argument
 * as a request and {@code Boolean} ({@code true}) as an answer.
 */
final class ProtoSchema {

    static final String TIMESTAMP = "google.protobuf.Timestamp";
    static final String DURATION = "google.protobuf.Duration";
    static final String SCALARS = "scalar Timestamp\nscalar Duration\nscalar Int64\nscalar Bytes\n";

    enum Root {
        QUERY("Query"),
        MUTATION("Mutation"),
        SUBSCRIPTION("Subscription");

        final String typeName;

        Root(String typeName) {
            this.typeName = typeName;
        }
    }

    /** One root field and the RPC it calls. */
    record RootField(Root root, String name, MethodDescriptor rpc) {}

    private final List<RootField> fields = new ArrayList<>();
    private final Set<Descriptor> outputs = new LinkedHashSet<>();
    private final Set<Descriptor> inputs = new LinkedHashSet<>();
    private final Set<EnumDescriptor> enums = new LinkedHashSet<>();
    private final SchemaNames names;
    private final String sdl;

    ProtoSchema(List<MethodDescriptor> rpcs) {
        Map<Root, List<MethodDescriptor>> byRoot = new LinkedHashMap<>();
        for (Root root : Root.values()) {
            byRoot.put(root, new ArrayList<>());
        }
        for (MethodDescriptor rpc : rpcs) {
            if (rpc.isClientStreaming()) {
                continue;
            }
            byRoot.get(rootOf(rpc)).add(rpc);
            rpc.getInputType().getFields().forEach(field -> visit(field, true));
            visit(rpc.getOutputType(), false);
        }
        Map<String, FileDescriptor> types = new LinkedHashMap<>();
        outputs.forEach(message -> types.put(message.getFullName(), message.getFile()));
        inputs.forEach(message -> types.put(message.getFullName(), message.getFile()));
        enums.forEach(enumType -> types.put(enumType.getFullName(), enumType.getFile()));
        names = new SchemaNames(types);
        byRoot.forEach((root, inRoot) -> SchemaNames.rootFields(inRoot, name -> switch (root) {
                    case QUERY -> SchemaNames.withoutVerb(name, "Get", "List");
                    case SUBSCRIPTION -> SchemaNames.withoutVerb(name, "Stream");
                    case MUTATION -> name;
                })
                .forEach((rpc, name) -> fields.add(new RootField(root, name, rpc))));
        fields.sort(Comparator.comparing(RootField::name));
        sdl = print();
    }

    /** The schema in SDL. */
    String sdl() {
        return sdl;
    }

    List<RootField> rootFields() {
        return fields;
    }

    SchemaNames names() {
        return names;
    }

    /** Answers as {@code Boolean}, sent as no argument. */
    static boolean isNothing(Descriptor message) {
        return message.getFields().isEmpty();
    }

    static Root rootOf(MethodDescriptor rpc) {
        if (rpc.isServerStreaming()) {
            return Root.SUBSCRIPTION;
        }
        HttpRule http = rpc.getOptions().getExtension(AnnotationsProto.http);
        boolean reads = http.hasGet()
                || !SchemaNames.withoutVerb(rpc.getName(), "Get", "List").equals(rpc.getName());
        return reads ? Root.QUERY : Root.MUTATION;
    }

    private void visit(FieldDescriptor field, boolean input) {
        if (field.getJavaType() == FieldDescriptor.JavaType.ENUM) {
            enums.add(field.getEnumType());
        } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
            visit(field.getMessageType(), input);
        }
    }

    private void visit(Descriptor message, boolean input) {
        if (scalarOf(message) != null || isNothing(message)) {
            return;
        }
        if (message.getFile().getPackage().equals("google.protobuf")) {
            throw new IllegalStateException(message.getFullName() + " has no GraphQL form yet");
        }
        if ((input ? inputs : outputs).add(message)) {
            message.getFields().forEach(field -> visit(field, input));
        }
    }

    private String print() {
        StringBuilder out = new StringBuilder(SCALARS);
        for (Root root : Root.values()) {
            List<RootField> inRoot =
                    fields.stream().filter(field -> field.root() == root).toList();
            if (inRoot.isEmpty()) {
                continue;
            }
            out.append("\ntype ").append(root.typeName).append(" {\n");
            for (RootField field : inRoot) {
                out.append("  \"")
                        .append(describe(field.rpc()))
                        .append("\"\n  ")
                        .append(field.name());
                List<FieldDescriptor> arguments = field.rpc().getInputType().getFields().stream()
                        .filter(argument -> !isNothingField(argument))
                        .toList();
                if (!arguments.isEmpty()) {
                    out.append('(');
                    for (int i = 0; i < arguments.size(); i++) {
                        out.append(i == 0 ? "" : ", ")
                                .append(arguments.get(i).getJsonName())
                                .append(": ")
                                .append(typeOf(arguments.get(i), true));
                    }
                    out.append(')');
                }
                Descriptor answer = field.rpc().getOutputType();
                out.append(": ")
                        .append(isNothing(answer) ? "Boolean" : messageType(answer, false))
                        .append(root == Root.SUBSCRIPTION ? "!" : "")
                        .append('\n');
            }
            out.append("}\n");
        }
        outputs.stream().sorted(Comparator.comparing(names::of)).forEach(message -> printMessage(out, message, false));
        inputs.stream().sorted(Comparator.comparing(names::of)).forEach(message -> printMessage(out, message, true));
        enums.stream().sorted(Comparator.comparing(names::of)).forEach(enumType -> {
            out.append("\nenum ").append(names.of(enumType)).append(" {\n");
            for (EnumValueDescriptor value : enumType.getValues()) {
                out.append("  ").append(value.getName()).append('\n');
            }
            out.append("}\n");
        });
        return out.toString();
    }

    private void printMessage(StringBuilder out, Descriptor message, boolean input) {
        out.append('\n')
                .append(input ? "input " : "type ")
                .append(messageType(message, input))
                .append(" {\n");
        for (FieldDescriptor field : message.getFields()) {
            if (!isNothingField(field)) {
                out.append("  ")
                        .append(field.getJsonName())
                        .append(": ")
                        .append(typeOf(field, input))
                        .append('\n');
            }
        }
        out.append("}\n");
    }

    private String typeOf(FieldDescriptor field, boolean input) {
        String element = elementOf(field, input);
        if (field.isRepeated()) {
            return "[" + element + "!]" + (input ? "" : "!");
        }
        return input || field.hasPresence() ? element : element + "!";
    }

    private String elementOf(FieldDescriptor field, boolean input) {
        return switch (field.getType()) {
            case DOUBLE, FLOAT -> "Float";
            case INT32, SINT32, SFIXED32 -> "Int";
            case INT64, SINT64, SFIXED64, UINT64, FIXED64, UINT32, FIXED32 -> "Int64";
            case BOOL -> "Boolean";
            case STRING -> "String";
            case BYTES -> "Bytes";
            case ENUM -> names.of(field.getEnumType());
            case MESSAGE, GROUP -> messageType(field.getMessageType(), input);
        };
    }

    private String messageType(Descriptor message, boolean input) {
        String scalar = scalarOf(message);
        if (scalar != null) {
            return scalar;
        }
        return input ? SchemaNames.input(names.of(message)) : names.of(message);
    }

    /** The well-known types shown as scalars. */
    static String scalarOf(Descriptor message) {
        return switch (message.getFullName()) {
            case TIMESTAMP -> "Timestamp";
            case DURATION -> "Duration";
            default -> null;
        };
    }

    private static boolean isNothingField(FieldDescriptor field) {
        return field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && scalarOf(field.getMessageType()) == null
                && isNothing(field.getMessageType());
    }

    private static String describe(MethodDescriptor rpc) {
        AccessRules.Rule rule = AccessRules.of(rpc);
        String access = rule.isPublic()
                ? "public"
                : rule.permission() == null ? "any signed-in user" : "needs " + rule.permission();
        return rpc.getService().getName() + "." + rpc.getName() + " (" + access + ")";
    }
}
