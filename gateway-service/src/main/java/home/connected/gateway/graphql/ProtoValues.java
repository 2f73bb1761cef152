package home.connected.gateway.graphql;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Duration;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Protobuf messages to GraphQL values and GraphQL arguments to request messages, in the schema's forms. */
final class ProtoValues {

    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    private ProtoValues() {}

    /** The request message of a field's arguments; INVALID_ARGUMENT when the backend could not take them. */
    static DynamicMessage request(Descriptor type, Map<String, Object> arguments) {
        DynamicMessage.Builder request = DynamicMessage.newBuilder(type);
        try {
            PARSER.merge(json(type, arguments).toString(), request);
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
        }
        return request.build();
    }

    /** The answer in the schema's form: {@code true} for a message without fields, else its fields by JSON name. */
    static Object answer(Descriptor type, byte[] serialised) {
        try {
            return isNothing(type) ? Boolean.TRUE : object(DynamicMessage.parseFrom(type, serialised));
        } catch (InvalidProtocolBufferException e) {
            throw Status.INTERNAL
                    .withDescription("the backend's answer is not a " + type.getName())
                    .asRuntimeException();
        }
    }

    static Map<String, Object> object(Message message) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.isMapField()) {
                List<Map<String, Object>> entries = new ArrayList<>();
                for (Object entry : (List<?>) message.getField(field)) {
                    entries.add(object((Message) entry));
                }
                fields.put(field.getJsonName(), entries);
            } else if (field.isRepeated()) {
                List<Object> values = new ArrayList<>();
                for (Object element : (List<?>) message.getField(field)) {
                    values.add(value(field, element));
                }
                fields.put(field.getJsonName(), values);
            } else if (!field.hasPresence() || message.hasField(field)) {
                fields.put(field.getJsonName(), value(field, message.getField(field)));
            }
        }
        return fields;
    }

    private static Object value(FieldDescriptor field, Object value) {
        return switch (field.getType()) {
            case ENUM -> ((EnumValueDescriptor) value).getName();
            case INT64, SINT64, SFIXED64 -> Long.toString((Long) value);
            case UINT64, FIXED64 -> Long.toUnsignedString((Long) value);
            case UINT32, FIXED32 -> Long.toString(Integer.toUnsignedLong((Integer) value));
            case BYTES -> Base64.getEncoder().encodeToString(((ByteString) value).toByteArray());
            case MESSAGE, GROUP -> message((Message) value);
            default -> value;
        };
    }

    private static Object message(Message value) {
        try {
            return switch (value.getDescriptorForType().getFullName()) {
                case ProtoSchema.TIMESTAMP -> Timestamps.toString(Timestamp.parseFrom(value.toByteString()));
                case ProtoSchema.DURATION -> Durations.toString(Duration.parseFrom(value.toByteString()));
                default -> isNothing(value.getDescriptorForType()) ? Boolean.TRUE : object(value);
            };
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The arguments in proto JSON: as given, but for maps, which GraphQL sends as key/value entries. */
    private static JsonObject json(Descriptor type, Map<String, Object> values) {
        JsonObject out = new JsonObject();
        values.forEach((name, value) -> {
            FieldDescriptor field = byJsonName(type, name);
            if (field == null || value == null) {
                return;
            }
            if (field.isMapField()) {
                JsonObject map = new JsonObject();
                FieldDescriptor valueField = field.getMessageType().findFieldByName("value");
                for (Object entry : (List<?>) value) {
                    Map<?, ?> keyValue = (Map<?, ?>) entry;
                    map.add(String.valueOf(keyValue.get("key")), element(valueField, keyValue.get("value")));
                }
                out.add(name, map);
            } else if (field.isRepeated()) {
                JsonArray array = new JsonArray();
                for (Object element : (List<?>) value) {
                    array.add(element(field, element));
                }
                out.add(name, array);
            } else {
                out.add(name, element(field, value));
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static JsonElement element(FieldDescriptor field, Object value) {
        if (value == null) {
            return JsonNull.INSTANCE;
        }
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                && ProtoSchema.scalarOf(field.getMessageType()) == null) {
            return json(field.getMessageType(), (Map<String, Object>) value);
        }
        if (value instanceof Number number) {
            return new JsonPrimitive(number);
        }
        if (value instanceof Boolean bool) {
            return new JsonPrimitive(bool);
        }
        return new JsonPrimitive(value.toString());
    }

    private static FieldDescriptor byJsonName(Descriptor type, String jsonName) {
        for (FieldDescriptor field : type.getFields()) {
            if (field.getJsonName().equals(jsonName)) {
                return field;
            }
        }
        return null;
    }

    private static boolean isNothing(Descriptor type) {
        return ProtoSchema.isNothing(type);
    }
}
