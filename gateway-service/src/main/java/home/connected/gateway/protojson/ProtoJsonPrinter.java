package home.connected.gateway.protojson;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;

/**
 * Prints a message of one type in proto JSON straight from its wire bytes, exactly as
 * {@code JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace()}
 * prints the parsed message, without building a {@link DynamicMessage}. Input it does not handle
 * itself (malformed bytes, invalid timestamps, groups) goes to JsonFormat, so the answer and the
 * failure stay JsonFormat's.
 */
public final class ProtoJsonPrinter {

    static final JsonFormat.Printer REFERENCE =
            JsonFormat.printer().alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();

    private final Descriptor type;
    private final MessagePlan plan;

    private ProtoJsonPrinter(Descriptor type) {
        this.type = type;
        this.plan = MessagePlans.of(type);
    }

    public static ProtoJsonPrinter of(Descriptor type) {
        return new ProtoJsonPrinter(type);
    }

    public Descriptor type() {
        return type;
    }

    /** The JSON of the message whose serialised form this is. */
    public String print(byte[] wire) throws InvalidProtocolBufferException {
        return new String(printUtf8(wire), StandardCharsets.UTF_8);
    }

    /** {@link #print} in UTF-8, as an HTTP answer sends it. */
    public byte[] printUtf8(byte[] wire) throws InvalidProtocolBufferException {
        try {
            return new WireJsonWriter(wire).message(plan);
        } catch (RuntimeException notHandledHere) {
            return REFERENCE.print(DynamicMessage.parseFrom(type, wire)).getBytes(StandardCharsets.UTF_8);
        }
    }
}
