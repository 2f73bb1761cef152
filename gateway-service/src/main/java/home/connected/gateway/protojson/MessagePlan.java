package home.connected.gateway.protojson;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.Arrays;
import java.util.List;

/** How to print one message type: its fields in printing order, found by number. */
final class MessagePlan {

    enum Kind {
        FIELDS,
        TIMESTAMP,
        DURATION,
        /** A well-known type with a JSON form of its own that JsonFormat prints (Any, Struct, wrappers...). */
        JSON_FORMAT
    }

    private static final int MAX_DIRECT_NUMBER = 64;

    final Descriptor type;
    final Kind kind;
    FieldPlan[] fields;
    int oneofCount;
    private int[] indexByNumber;

    MessagePlan(Descriptor type) {
        this.type = type;
        this.kind = kindOf(type.getFullName());
    }

    void fill(List<FieldPlan> planned) {
        fields = planned.toArray(new FieldPlan[0]);
        oneofCount = type.getOneofs().size();
        int highest = 0;
        for (FieldPlan field : fields) {
            highest = Math.max(highest, field.number);
        }
        indexByNumber = new int[Math.min(highest, MAX_DIRECT_NUMBER) + 1];
        Arrays.fill(indexByNumber, -1);
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].number <= MAX_DIRECT_NUMBER) {
                indexByNumber[fields[i].number] = i;
            }
        }
    }

    /** The index of the field with this number in {@link #fields}, -1 for an unknown field. */
    int indexOf(int number) {
        if (number < indexByNumber.length) {
            return indexByNumber[number];
        }
        if (number <= MAX_DIRECT_NUMBER) {
            return -1;
        }
        for (int i = 0; i < fields.length; i++) {
            if (fields[i].number == number) {
                return i;
            }
        }
        return -1;
    }

    static int oneofIndex(OneofDescriptor oneof) {
        return oneof == null ? -1 : oneof.getIndex();
    }

    private static Kind kindOf(String fullName) {
        switch (fullName) {
            case "google.protobuf.Timestamp":
                return Kind.TIMESTAMP;
            case "google.protobuf.Duration":
                return Kind.DURATION;
            case "google.protobuf.Any":
            case "google.protobuf.Struct":
            case "google.protobuf.Value":
            case "google.protobuf.ListValue":
            case "google.protobuf.FieldMask":
            case "google.protobuf.BoolValue":
            case "google.protobuf.Int32Value":
            case "google.protobuf.UInt32Value":
            case "google.protobuf.Int64Value":
            case "google.protobuf.UInt64Value":
            case "google.protobuf.StringValue":
            case "google.protobuf.BytesValue":
            case "google.protobuf.FloatValue":
            case "google.protobuf.DoubleValue":
                return Kind.JSON_FORMAT;
            default:
                return Kind.FIELDS;
        }
    }
}
