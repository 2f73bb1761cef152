package home.connected.gateway.protojson;

import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.ByteArrayOutputStream;
import java.util.Base64;

/**
 * Writes the JSON of one serialised message: each message's fields are first located (see
 * {@link FieldOccurrences}), then printed in number order with the defaults of the absent ones.
 */
final class WireJsonWriter {

    /** Deeper messages are left to JsonFormat, whose parser refuses nesting beyond 100. */
    private static final int MAX_DEPTH = 90;

    private final byte[] bytes;
    private final JsonOut out;
    private int pos;

    WireJsonWriter(byte[] bytes) {
        this.bytes = bytes;
        this.out = new JsonOut(bytes.length * 3);
    }

    /** The message's JSON, in UTF-8. */
    byte[] message(MessagePlan plan) {
        if (plan.kind == MessagePlan.Kind.JSON_FORMAT) {
            throw new NotPrintedHere("a well-known type JsonFormat prints");
        }
        FieldOccurrences fields = new FieldOccurrences(plan);
        scan(plan, fields, 0, bytes.length);
        value(plan, fields, 0);
        return out.toByteArray();
    }

    private void scan(MessagePlan plan, FieldOccurrences fields, int from, int to) {
        pos = from;
        while (pos < to) {
            int tag = (int) varint();
            int number = tag >>> 3;
            int wireType = tag & 7;
            if (number == 0) {
                throw new NotPrintedHere("field number 0");
            }
            int index = plan.indexOf(number);
            if (index >= 0) {
                FieldPlan field = plan.fields[index];
                if (wireType != field.wireType
                        && !(field.packable && wireType == WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    throw new NotPrintedHere("a value of an unexpected wire type");
                }
                fields.add(index, pos, wireType);
            }
            skip(wireType);
            if (pos > to) {
                throw new NotPrintedHere("a truncated message");
            }
        }
    }

    private void value(MessagePlan plan, FieldOccurrences fields, int depth) {
        switch (plan.kind) {
            case TIMESTAMP ->
                JsonTimes.appendTimestamp(out, varintOf(plan, fields, 1), (int) varintOf(plan, fields, 2));
            case DURATION -> JsonTimes.appendDuration(out, varintOf(plan, fields, 1), (int) varintOf(plan, fields, 2));
            default -> fields(plan, fields, depth);
        }
    }

    private long varintOf(MessagePlan plan, FieldOccurrences fields, int number) {
        int index = plan.indexOf(number);
        if (index < 0 || !fields.isSet(index)) {
            return 0;
        }
        pos = fields.position(fields.last(index));
        return varint();
    }

    private void fields(MessagePlan plan, FieldOccurrences fields, int depth) {
        out.append('{');
        boolean printed = false;
        for (int i = 0; i < plan.fields.length; i++) {
            FieldPlan field = plan.fields[i];
            if (field.hasPresence && !fields.isSet(i)) {
                continue;
            }
            if (printed) {
                out.append(',');
            }
            printed = true;
            out.appendUtf8(field.key);
            if (field.map) {
                map(field, fields, i, depth);
            } else if (field.repeated) {
                repeated(field, fields, i, depth);
            } else if (field.isMessage()) {
                nested(field.nested, fields, i, depth + 1);
            } else if (fields.isSet(i)) {
                int entry = fields.last(i);
                pos = fields.position(entry);
                scalar(field, false);
            } else {
                out.append(field.defaultJson);
            }
        }
        out.append('}');
    }

    private void repeated(FieldPlan field, FieldOccurrences fields, int index, int depth) {
        out.append('[');
        boolean printed = false;
        for (int entry = fields.first(index); entry >= 0; entry = fields.next(entry)) {
            pos = fields.position(entry);
            if (field.isMessage()) {
                if (printed) {
                    out.append(',');
                }
                printed = true;
                int length = length();
                one(field.nested, pos, length, depth + 1);
            } else if (fields.wireType(entry) == WireFormat.WIRETYPE_LENGTH_DELIMITED
                    && field.wireType != WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int length = length();
                int end = pos + length;
                while (pos < end) {
                    if (printed) {
                        out.append(',');
                    }
                    printed = true;
                    scalar(field, false);
                }
                if (pos != end) {
                    throw new NotPrintedHere("a packed run of the wrong length");
                }
            } else {
                if (printed) {
                    out.append(',');
                }
                printed = true;
                scalar(field, false);
            }
        }
        out.append(']');
    }

    private void map(FieldPlan field, FieldOccurrences fields, int index, int depth) {
        MessagePlan entryPlan = field.nested;
        FieldPlan keyField = entryPlan.fields[0];
        FieldPlan valueField = entryPlan.fields[1];
        out.append('{');
        boolean printed = false;
        for (int entry = fields.first(index); entry >= 0; entry = fields.next(entry)) {
            if (printed) {
                out.append(',');
            }
            printed = true;
            pos = fields.position(entry);
            int length = length();
            FieldOccurrences entryFields = new FieldOccurrences(entryPlan);
            scan(entryPlan, entryFields, pos, pos + length);
            boolean quotedAlready = isQuoted(keyField);
            if (!quotedAlready) {
                out.append('"');
            }
            if (entryFields.isSet(0)) {
                pos = entryFields.position(entryFields.last(0));
                scalar(keyField, true);
            } else {
                out.append(keyField.defaultJson);
            }
            if (!quotedAlready) {
                out.append('"');
            }
            out.append(':');
            if (valueField.isMessage()) {
                nested(valueField.nested, entryFields, 1, depth + 1);
            } else if (entryFields.isSet(1)) {
                pos = entryFields.position(entryFields.last(1));
                scalar(valueField, false);
            } else {
                out.append(valueField.defaultJson);
            }
        }
        out.append('}');
    }

    private static boolean isQuoted(FieldPlan key) {
        switch (key.type) {
            case STRING, INT64, SINT64, SFIXED64, UINT64, FIXED64:
                return true;
            default:
                return false;
        }
    }

    /** A singular message field: every part of it, merged. */
    private void nested(MessagePlan plan, FieldOccurrences parent, int index, int depth) {
        if (depth > MAX_DEPTH) {
            throw new NotPrintedHere("deep nesting");
        }
        if (plan.kind == MessagePlan.Kind.JSON_FORMAT) {
            ByteArrayOutputStream merged = new ByteArrayOutputStream();
            for (int entry = parent.first(index); entry >= 0; entry = parent.next(entry)) {
                pos = parent.position(entry);
                int length = length();
                merged.write(bytes, pos, length);
            }
            jsonFormat(plan, merged.toByteArray());
            return;
        }
        FieldOccurrences fields = new FieldOccurrences(plan);
        for (int entry = parent.first(index); entry >= 0; entry = parent.next(entry)) {
            pos = parent.position(entry);
            int length = length();
            scan(plan, fields, pos, pos + length);
        }
        value(plan, fields, depth);
    }

    /** One element of a repeated message field. */
    private void one(MessagePlan plan, int from, int length, int depth) {
        if (depth > MAX_DEPTH) {
            throw new NotPrintedHere("deep nesting");
        }
        if (plan.kind == MessagePlan.Kind.JSON_FORMAT) {
            byte[] element = new byte[length];
            System.arraycopy(bytes, from, element, 0, length);
            jsonFormat(plan, element);
            return;
        }
        FieldOccurrences fields = new FieldOccurrences(plan);
        scan(plan, fields, from, from + length);
        value(plan, fields, depth);
    }

    private void jsonFormat(MessagePlan plan, byte[] message) {
        try {
            out.append(ProtoJsonPrinter.REFERENCE.print(DynamicMessage.parseFrom(plan.type, message)));
        } catch (InvalidProtocolBufferException e) {
            throw new NotPrintedHere("a well-known type JsonFormat cannot print");
        }
    }

    /** Appends the value at {@link #pos}; map keys are quoted whatever their type. */
    private void scalar(FieldPlan field, boolean mapKey) {
        switch (field.type) {
            case INT32 -> out.append((int) varint());
            case SINT32 -> {
                int value = (int) varint();
                out.append((value >>> 1) ^ -(value & 1));
            }
            case SFIXED32 -> out.append(fixed32());
            case UINT32 -> out.append(Integer.toUnsignedString((int) varint()));
            case FIXED32 -> out.append(Integer.toUnsignedString(fixed32()));
            case INT64 -> out.append('"').append(varint()).append('"');
            case SINT64 -> {
                long value = varint();
                out.append('"').append((value >>> 1) ^ -(value & 1)).append('"');
            }
            case SFIXED64 -> out.append('"').append(fixed64()).append('"');
            case UINT64 ->
                out.append('"').append(Long.toUnsignedString(varint())).append('"');
            case FIXED64 ->
                out.append('"').append(Long.toUnsignedString(fixed64())).append('"');
            case BOOL -> out.append(varint() != 0);
            case ENUM -> out.append(field.enumJson((int) varint()));
            case FLOAT -> JsonNumbers.appendFloat(out, Float.intBitsToFloat(fixed32()));
            case DOUBLE -> JsonNumbers.appendDouble(out, Double.longBitsToDouble(fixed64()));
            case STRING -> {
                int length = length();
                JsonStrings.appendQuotedUtf8(out, bytes, pos, length);
                pos += length;
            }
            case BYTES -> {
                int length = length();
                byte[] value = new byte[length];
                System.arraycopy(bytes, pos, value, 0, length);
                pos += length;
                out.append('"')
                        .append(Base64.getEncoder().encodeToString(value))
                        .append('"');
            }
            default -> throw new NotPrintedHere("a " + field.type + " value");
        }
    }

    private void skip(int wireType) {
        switch (wireType) {
            case WireFormat.WIRETYPE_VARINT -> varint();
            case WireFormat.WIRETYPE_FIXED64 -> pos += 8;
            case WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                int length = length();
                pos += length;
            }
            case WireFormat.WIRETYPE_FIXED32 -> pos += 4;
            default -> throw new NotPrintedHere("wire type " + wireType);
        }
    }

    private int length() {
        long length = varint();
        if (length < 0 || length > bytes.length - pos) {
            throw new NotPrintedHere("a length beyond the message");
        }
        return (int) length;
    }

    private long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes[pos++];
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new NotPrintedHere("a malformed varint");
    }

    private int fixed32() {
        int p = pos;
        pos += 4;
        return (bytes[p] & 0xFF)
                | (bytes[p + 1] & 0xFF) << 8
                | (bytes[p + 2] & 0xFF) << 16
                | (bytes[p + 3] & 0xFF) << 24;
    }

    private long fixed64() {
        return (fixed32() & 0xFFFFFFFFL) | (long) fixed32() << 32;
    }
}
