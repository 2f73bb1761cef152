package home.connected.gateway.protojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.DurationProto;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.EmptyProto;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.StructProto;
import com.google.protobuf.TextFormat;
import com.google.protobuf.TimestampProto;
import com.google.protobuf.WrappersProto;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import home.connected.contracts.ServiceContracts;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.EmailChannel;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.Severity;
import home.connected.contracts.alert.v1.Threshold;
import home.connected.contracts.query.v1.DeviceStatus;
import home.connected.contracts.query.v1.ListSensorsResponse;
import home.connected.contracts.query.v1.Sensor;
import home.connected.contracts.query.v1.SensorKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ProtoJsonPrinterTest {

    private static final int SAMPLES_PER_TYPE = 40;

    /** Every scalar type, maps, packed and unpacked runs, and the well-known types left to JsonFormat. */
    private static final String ALL_KINDS_PROTO = """
            name: "all_kinds.proto" package: "test" syntax: "proto3"
            dependency: "google/protobuf/timestamp.proto"
            dependency: "google/protobuf/duration.proto"
            dependency: "google/protobuf/struct.proto"
            dependency: "google/protobuf/wrappers.proto"
            dependency: "google/protobuf/empty.proto"
            message_type {
              name: "AllKinds"
              field { name: "f_double" number: 1 label: LABEL_OPTIONAL type: TYPE_DOUBLE }
              field { name: "f_float" number: 2 label: LABEL_OPTIONAL type: TYPE_FLOAT }
              field { name: "f_int64" number: 3 label: LABEL_OPTIONAL type: TYPE_INT64 }
              field { name: "f_uint64" number: 4 label: LABEL_OPTIONAL type: TYPE_UINT64 }
              field { name: "f_int32" number: 5 label: LABEL_OPTIONAL type: TYPE_INT32 }
              field { name: "f_fixed64" number: 6 label: LABEL_OPTIONAL type: TYPE_FIXED64 }
              field { name: "f_fixed32" number: 7 label: LABEL_OPTIONAL type: TYPE_FIXED32 }
              field { name: "f_bool" number: 8 label: LABEL_OPTIONAL type: TYPE_BOOL }
              field { name: "f_string" number: 9 label: LABEL_OPTIONAL type: TYPE_STRING }
              field { name: "f_bytes" number: 12 label: LABEL_OPTIONAL type: TYPE_BYTES }
              field { name: "f_uint32" number: 13 label: LABEL_OPTIONAL type: TYPE_UINT32 }
              field { name: "f_sfixed32" number: 15 label: LABEL_OPTIONAL type: TYPE_SFIXED32 }
              field { name: "f_sfixed64" number: 16 label: LABEL_OPTIONAL type: TYPE_SFIXED64 }
              field { name: "f_sint32" number: 17 label: LABEL_OPTIONAL type: TYPE_SINT32 }
              field { name: "f_sint64" number: 18 label: LABEL_OPTIONAL type: TYPE_SINT64 }
              field { name: "f_enum" number: 19 label: LABEL_OPTIONAL type: TYPE_ENUM type_name: ".test.Colour" }
              field { name: "r_double" number: 21 label: LABEL_REPEATED type: TYPE_DOUBLE }
              field { name: "r_float" number: 22 label: LABEL_REPEATED type: TYPE_FLOAT }
              field { name: "r_int64" number: 23 label: LABEL_REPEATED type: TYPE_INT64 }
              field { name: "r_uint64" number: 24 label: LABEL_REPEATED type: TYPE_UINT64 }
              field { name: "r_int32" number: 25 label: LABEL_REPEATED type: TYPE_INT32 }
              field { name: "r_fixed32" number: 27 label: LABEL_REPEATED type: TYPE_FIXED32 }
              field { name: "r_bool" number: 28 label: LABEL_REPEATED type: TYPE_BOOL }
              field { name: "r_string" number: 29 label: LABEL_REPEATED type: TYPE_STRING }
              field { name: "r_bytes" number: 30 label: LABEL_REPEATED type: TYPE_BYTES }
              field { name: "r_sint64" number: 31 label: LABEL_REPEATED type: TYPE_SINT64 }
              field { name: "r_enum" number: 32 label: LABEL_REPEATED type: TYPE_ENUM type_name: ".test.Colour" }
              field { name: "r_unpacked_int32" number: 33 label: LABEL_REPEATED type: TYPE_INT32 options { packed: false } }
              field { name: "r_unpacked_double" number: 34 label: LABEL_REPEATED type: TYPE_DOUBLE options { packed: false } }
              field { name: "m_string_int64" number: 40 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".test.AllKinds.MStringInt64Entry" json_name: "mStringInt64" }
              field { name: "m_int32_kinds" number: 41 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".test.AllKinds.MInt32KindsEntry" json_name: "mInt32Kinds" }
              field { name: "m_bool_enum" number: 42 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".test.AllKinds.MBoolEnumEntry" json_name: "mBoolEnum" }
              field { name: "m_uint64_time" number: 43 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".test.AllKinds.MUint64TimeEntry" json_name: "mUint64Time" }
              field { name: "m_sint32_bytes" number: 44 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".test.AllKinds.MSint32BytesEntry" json_name: "mSint32Bytes" }
              field { name: "child" number: 50 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".test.AllKinds" }
              field { name: "children" number: 51 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".test.AllKinds" }
              field { name: "time" number: 52 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" }
              field { name: "times" number: 53 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" }
              field { name: "span" number: 54 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Duration" }
              field { name: "spans" number: 55 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".google.protobuf.Duration" }
              field { name: "nothing" number: 56 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Empty" }
              field { name: "wrapped_int" number: 60 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Int64Value" }
              field { name: "wrapped_strings" number: 61 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: ".google.protobuf.StringValue" }
              field { name: "wrapped_double" number: 62 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.DoubleValue" }
              field { name: "o_string" number: 70 label: LABEL_OPTIONAL type: TYPE_STRING oneof_index: 0 }
              field { name: "o_child" number: 71 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".test.AllKinds" oneof_index: 0 }
              field { name: "o_enum" number: 72 label: LABEL_OPTIONAL type: TYPE_ENUM type_name: ".test.Colour" oneof_index: 0 }
              field { name: "opt_int32" number: 80 label: LABEL_OPTIONAL type: TYPE_INT32 oneof_index: 1 proto3_optional: true }
              field { name: "opt_string" number: 81 label: LABEL_OPTIONAL type: TYPE_STRING oneof_index: 2 proto3_optional: true }
              field { name: "declared_late_low_number" number: 10 label: LABEL_OPTIONAL type: TYPE_STRING }
              field { name: "with_json_name" number: 90 label: LABEL_OPTIONAL type: TYPE_INT32 json_name: "custom<Name>" }
              field { name: "number_1000" number: 1000 label: LABEL_OPTIONAL type: TYPE_INT64 }
              nested_type { name: "MStringInt64Entry" options { map_entry: true }
                field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
                field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_INT64 } }
              nested_type { name: "MInt32KindsEntry" options { map_entry: true }
                field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_INT32 }
                field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".test.AllKinds" } }
              nested_type { name: "MBoolEnumEntry" options { map_entry: true }
                field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_BOOL }
                field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_ENUM type_name: ".test.Colour" } }
              nested_type { name: "MUint64TimeEntry" options { map_entry: true }
                field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_UINT64 }
                field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Timestamp" } }
              nested_type { name: "MSint32BytesEntry" options { map_entry: true }
                field { name: "key" number: 1 label: LABEL_OPTIONAL type: TYPE_SINT32 }
                field { name: "value" number: 2 label: LABEL_OPTIONAL type: TYPE_BYTES } }
              oneof_decl { name: "choice" }
              oneof_decl { name: "_opt_int32" }
              oneof_decl { name: "_opt_string" }
            }
            message_type {
              name: "WithStruct"
              field { name: "name" number: 1 label: LABEL_OPTIONAL type: TYPE_STRING }
              field { name: "details" number: 2 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Struct" }
              field { name: "value" number: 3 label: LABEL_OPTIONAL type: TYPE_MESSAGE type_name: ".google.protobuf.Value" }
            }
            enum_type {
              name: "Colour"
              value { name: "COLOUR_UNSPECIFIED" number: 0 }
              value { name: "COLOUR_RED" number: 1 }
              value { name: "COLOUR_GREEN" number: 2 }
              value { name: "COLOUR_BLUE" number: -3 }
            }
            """;

    @Test
    void everyContractMessagePrintsAsJsonFormatDoes() throws Exception {
        List<Descriptor> types = contractTypes();
        assertThat(types).hasSizeGreaterThan(50);
        for (Descriptor type : types) {
            for (int seed = 0; seed < SAMPLES_PER_TYPE; seed++) {
                assertPrintsAsJsonFormat(type, new SampleMessages(seed).of(type).toByteArray());
            }
        }
    }

    @Test
    void everyKindOfFieldPrintsAsJsonFormatDoes() throws Exception {
        Descriptor allKinds = allKinds().findMessageTypeByName("AllKinds");
        for (int seed = 0; seed < 150; seed++) {
            assertPrintsAsJsonFormat(
                    allKinds, new SampleMessages(seed).of(allKinds).toByteArray());
        }
    }

    /** Parsing merges repeated parts of a message: last scalar wins, sub-messages merge, oneofs switch. */
    @Test
    void concatenatedMessagesPrintAsTheirMergeDoes() throws Exception {
        List<Descriptor> types = new ArrayList<>(contractTypes());
        types.add(allKinds().findMessageTypeByName("AllKinds"));
        for (Descriptor type : types) {
            for (int seed = 0; seed < 10; seed++) {
                ByteArrayOutputStream both = new ByteArrayOutputStream();
                new SampleMessages(seed, 2).of(type).writeTo(both);
                new SampleMessages(seed + 1000, 2).of(type).writeTo(both);
                assertPrintsAsJsonFormat(type, both.toByteArray());
            }
        }
    }

    @Test
    void everyCharacterIsEscapedAsJsonFormatEscapesIt() throws Exception {
        StringBuilder everyChar = new StringBuilder();
        for (char c = 0; c < Character.MIN_SURROGATE; c++) {
            everyChar.append(c);
        }
        for (char c = Character.MAX_SURROGATE + 1; c != 0; c++) {
            everyChar.append(c);
        }
        everyChar.append("𝄞🌡️");
        SensorKey key = SensorKey.newBuilder()
                .setDeviceId(everyChar.toString())
                .setSensor("ascii only")
                .setQuantity(everyChar.substring(0, 128))
                .build();

        assertPrintsAsJsonFormat(SensorKey.getDescriptor(), key.toByteArray());
    }

    @Test
    void sensorPrintsToTheExpectedJson() throws Exception {
        ListSensorsResponse answer = ListSensorsResponse.newBuilder()
                .addSensors(Sensor.newBuilder()
                        .setKey(SensorKey.newBuilder()
                                .setDeviceId("pi-1")
                                .setSensor("bme280")
                                .setQuantity("temperature"))
                        .setUnit("°C")
                        .setLastValue(21.5)
                        .setLastSeen(Timestamps.fromMillis(1_780_000_000_123L))
                        .setRoom("Kids' room <2>")
                        .setDeviceStatus(DeviceStatus.DEVICE_STATUS_ONLINE))
                .addSensors(Sensor.newBuilder().setLastValue(Double.NaN))
                .build();

        assertThat(print(ListSensorsResponse.getDescriptor(), answer.toByteArray()))
                .isEqualTo("{\"sensors\":[{\"key\":{\"deviceId\":\"pi-1\",\"sensor\":\"bme280\","
                        + "\"quantity\":\"temperature\"},\"location\":\"\",\"unit\":\"°C\",\"sourceFormat\":\"\","
                        + "\"lastValue\":21.5,\"lastSeen\":\"2026-05-28T20:26:40.123Z\","
                        + "\"room\":\"Kids\\u0027 room \\u003c2\\u003e\",\"deviceName\":\"\","
                        + "\"deviceStatus\":\"DEVICE_STATUS_ONLINE\"},"
                        + "{\"location\":\"\",\"unit\":\"\",\"sourceFormat\":\"\",\"lastValue\":\"NaN\","
                        + "\"room\":\"\",\"deviceName\":\"\",\"deviceStatus\":\"DEVICE_STATUS_UNSPECIFIED\"}]}");
        assertThat(print(ListSensorsResponse.getDescriptor(), new byte[0])).isEqualTo("{\"sensors\":[]}");
    }

    @Test
    void ruleOneofOptionalDurationsAndUnknownEnumsPrintToTheExpectedJson() throws Exception {
        Rule rule = Rule.newBuilder()
                .setId("r1")
                .setThreshold(Threshold.newBuilder()
                        .setValue(30)
                        .setForDuration(Durations.fromMillis(-1500))
                        .setKeepFiringFor(Durations.fromNanos(1_000_000_001L)))
                .setSeverityValue(77)
                .setNotifyResolved(false)
                .build();

        assertThat(print(Rule.getDescriptor(), rule.toByteArray()))
                .isEqualTo("{\"id\":\"r1\",\"name\":\"\",\"enabled\":false,"
                        + "\"threshold\":{\"comparison\":\"COMPARISON_UNSPECIFIED\",\"value\":30.0,"
                        + "\"forDuration\":\"-1.500s\",\"hysteresis\":0.0,\"keepFiringFor\":\"1.000000001s\"},"
                        + "\"severity\":77,\"channelIds\":[],\"notifyResolved\":false,\"actions\":[]}");
        Channel channel = Channel.newBuilder()
                .setEmail(EmailChannel.newBuilder().addTo("a@example.org"))
                .build();
        assertThat(print(Channel.getDescriptor(), channel.toByteArray()))
                .isEqualTo("{\"id\":\"\",\"name\":\"\",\"email\":{\"to\":[\"a@example.org\"]},"
                        + "\"maxPerMinute\":0,\"secretsSet\":[]}");
        assertThat(Severity.forNumber(77)).isNull();
    }

    @Test
    void emptyAndTimestampAnswersPrintAsJsonFormatDoes() throws Exception {
        assertPrintsAsJsonFormat(EmptyProto.getDescriptor().findMessageTypeByName("Empty"), new byte[0]);
        assertPrintsAsJsonFormat(
                TimestampProto.getDescriptor().findMessageTypeByName("Timestamp"),
                Timestamps.fromMillis(-1).toByteArray());
    }

    @Test
    void wellKnownTypesWithoutAPlanPrintThroughJsonFormat() throws Exception {
        Descriptor withStruct = allKinds().findMessageTypeByName("WithStruct");
        DynamicMessage.Builder message = DynamicMessage.newBuilder(withStruct);
        com.google.protobuf.util.JsonFormat.parser()
                .merge("{\"name\":\"x\",\"details\":{\"a\":[1,\"b\",null,{\"c\":true}]},\"value\":\"v\"}", message);

        assertPrintsAsJsonFormat(withStruct, message.build().toByteArray());
    }

    @Test
    void inputItCannotPrintFailsAsJsonFormatFails() {
        byte[] sensor = ListSensorsResponse.newBuilder()
                .addSensors(Sensor.newBuilder().setUnit("°C"))
                .build()
                .toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(sensor, sensor.length - 1);
        ProtoJsonPrinter printer = ProtoJsonPrinter.of(ListSensorsResponse.getDescriptor());

        assertThatThrownBy(() -> printer.print(truncated)).isInstanceOf(InvalidProtocolBufferException.class);

        byte[] notUtf8 = {(1 << 3) | 2, 3, 'a', (byte) 0xC3, 'b'};
        assertThatThrownBy(() -> ProtoJsonPrinter.of(SensorKey.getDescriptor()).print(notUtf8))
                .isInstanceOf(InvalidProtocolBufferException.class);

        byte[] beyondYear9999 = Sensor.newBuilder()
                .setLastSeen(com.google.protobuf.Timestamp.newBuilder().setSeconds(253_402_300_800L))
                .build()
                .toByteArray();
        assertThatThrownBy(() -> ProtoJsonPrinter.of(Sensor.getDescriptor()).print(beyondYear9999))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertPrintsAsJsonFormat(Descriptor type, byte[] wire) throws Exception {
        String expected;
        try {
            expected = ProtoJsonPrinter.REFERENCE.print(DynamicMessage.parseFrom(type, wire));
        } catch (RuntimeException | InvalidProtocolBufferException refused) {
            // Merged parts can make an invalid Timestamp or Duration: the printer must refuse it alike.
            assertThatThrownBy(() -> ProtoJsonPrinter.of(type).print(wire)).isInstanceOf(refused.getClass());
            return;
        }
        // The writer itself, not the printer: a fall-back to JsonFormat would hide a difference.
        String printed = new String(new WireJsonWriter(wire).message(MessagePlans.of(type)), StandardCharsets.UTF_8);
        if (!printed.equals(expected)) {
            int at = 0;
            while (at < Math.min(printed.length(), expected.length()) && printed.charAt(at) == expected.charAt(at)) {
                at++;
            }
            int from = Math.max(0, at - 60);
            assertThat(printed.substring(from, Math.min(printed.length(), at + 60)))
                    .as(type.getFullName() + " from character " + from)
                    .isEqualTo(expected.substring(from, Math.min(expected.length(), at + 60)));
        }
    }

    private static String print(Descriptor type, byte[] wire) {
        return new String(new WireJsonWriter(wire).message(MessagePlans.of(type)), StandardCharsets.UTF_8);
    }

    private static List<Descriptor> contractTypes() {
        List<Descriptor> types = new ArrayList<>();
        for (FileDescriptor file : ServiceContracts.FILES) {
            file.getMessageTypes().forEach(type -> addWithNested(type, types));
        }
        return types;
    }

    private static void addWithNested(Descriptor type, List<Descriptor> types) {
        types.add(type);
        type.getNestedTypes().forEach(nested -> addWithNested(nested, types));
    }

    private static FileDescriptor allKinds() throws Exception {
        FileDescriptorProto proto = TextFormat.parse(ALL_KINDS_PROTO, FileDescriptorProto.class);
        return FileDescriptor.buildFrom(proto, new FileDescriptor[] {
            TimestampProto.getDescriptor(),
            DurationProto.getDescriptor(),
            StructProto.getDescriptor(),
            WrappersProto.getDescriptor(),
            EmptyProto.getDescriptor()
        });
    }
}
