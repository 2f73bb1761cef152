package home.connected.gateway.protojson;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.Type;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** What printing one field takes, read from its descriptor once. */
final class FieldPlan {

    final int number;
    /** {@code "jsonName":} in UTF-8; JsonFormat writes the name as it is, unescaped. */
    final byte[] key;

    final Type type;
    final boolean repeated;
    final boolean map;
    /** Printed only when set: message fields, oneof members, proto3 {@code optional}. */
    final boolean hasPresence;

    final int oneof;
    /** The wire type of one value; a packable repeated field also takes a length-delimited run. */
    final int wireType;

    final boolean packable;
    /** The JSON of the field's default value (scalars only). */
    final String defaultJson;

    final MessagePlan nested;
    /** Quoted names by number, for the numbers from 0 up; others are in {@link #otherEnumNames}. */
    private final String[] enumNames;

    private final Map<Integer, String> otherEnumNames;
    private final boolean closedEnum;
    private final boolean nullValue;

    FieldPlan(FieldDescriptor field, MessagePlan nested) {
        this.number = field.getNumber();
        this.key = ("\"" + field.getJsonName() + "\":").getBytes(StandardCharsets.UTF_8);
        this.type = field.getType();
        this.repeated = field.isRepeated();
        this.map = field.isMapField();
        this.hasPresence = field.hasPresence();
        this.oneof = MessagePlan.oneofIndex(field.getContainingOneof());
        this.wireType = field.getLiteType().getWireType();
        this.packable = field.isPackable();
        this.nested = nested;
        if (type == Type.ENUM) {
            EnumDescriptor enumType = field.getEnumType();
            otherEnumNames = new HashMap<>();
            for (EnumValueDescriptor value : enumType.getValues()) {
                // The first name of an aliased number is the one JsonFormat prints.
                otherEnumNames.putIfAbsent(value.getNumber(), "\"" + value.getName() + "\"");
            }
            enumNames = new String[Math.min(otherEnumNames.size(), 256)];
            for (int number = 0; number < enumNames.length; number++) {
                enumNames[number] = otherEnumNames.get(number);
            }
            closedEnum = field.legacyEnumFieldTreatedAsClosed();
            nullValue = enumType.getFullName().equals("google.protobuf.NullValue");
        } else {
            enumNames = new String[0];
            otherEnumNames = Map.of();
            closedEnum = false;
            nullValue = false;
        }
        this.defaultJson = field.isRepeated() || nested != null ? null : defaultJsonOf(field);
    }

    boolean isMessage() {
        return nested != null;
    }

    /** The enum value's JSON: its name, or for a number the enum does not know, the number. */
    String enumJson(int value) {
        if (nullValue) {
            return "null";
        }
        String name = value >= 0 && value < enumNames.length ? enumNames[value] : otherEnumNames.get(value);
        if (name != null) {
            return name;
        }
        if (closedEnum) {
            // Parsing keeps an unknown value of a closed enum among the unknown fields.
            throw new NotPrintedHere("unknown value of a closed enum");
        }
        return Integer.toString(value);
    }

    private String defaultJsonOf(FieldDescriptor field) {
        Object value = field.getDefaultValue();
        JsonOut out = new JsonOut(16);
        switch (type) {
            case INT32, SINT32, SFIXED32 -> out.append((int) (Integer) value);
            case UINT32, FIXED32 -> out.append(Integer.toUnsignedString((Integer) value));
            case INT64, SINT64, SFIXED64 ->
                out.append('"').append((long) (Long) value).append('"');
            case UINT64, FIXED64 ->
                out.append('"').append(Long.toUnsignedString((Long) value)).append('"');
            case BOOL -> out.append((boolean) (Boolean) value);
            case FLOAT -> JsonNumbers.appendFloat(out, (Float) value);
            case DOUBLE -> JsonNumbers.appendDouble(out, (Double) value);
            case STRING -> JsonStrings.appendQuoted(out, (String) value);
            case BYTES ->
                out.append('"')
                        .append(Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()))
                        .append('"');
            case ENUM -> out.append(enumJson(((EnumValueDescriptor) value).getNumber()));
            default -> throw new IllegalStateException("no default for " + type);
        }
        return out.toString();
    }
}
