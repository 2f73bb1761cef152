package home.connected.gateway.protojson;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import java.util.List;
import java.util.Random;

/** Messages of any type with every kind of value JSON printing has rules for, from a seed. */
final class SampleMessages {

    static final List<String> STRINGS = List.of(
            "",
            "plain",
            "Wohnzimmer Süd",
            "température ° ±",
            "日本語のセンサー",
            "emoji 🌡️🔥 and 𝄞",
            "<script>alert('x')</script>",
            "a=b&c=d",
            "quote \" backslash \\ slash /",
            "tab\tnewline\ncarriage\rform\fback\b",
            "control \u0000 \u0001 \u001f \u007f",
            "separators \u2028 \u2029",
            "it's > 30 & < 40",
            "\uFEFF bom and \u00A0 nbsp");

    private final Random random;
    private final int maxDepth;

    SampleMessages(long seed) {
        this(seed, 4);
    }

    /** @param maxDepth how deep sub-messages go: a type that holds itself grows fast */
    SampleMessages(long seed, int maxDepth) {
        this.random = new Random(seed);
        this.maxDepth = maxDepth;
    }

    DynamicMessage of(Descriptor type) {
        return of(type, 0);
    }

    private DynamicMessage of(Descriptor type, int depth) {
        switch (type.getFullName()) {
            case "google.protobuf.Timestamp":
                return reparsed(type, timestamp());
            case "google.protobuf.Duration":
                return reparsed(type, duration());
            default:
                break;
        }
        DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
        for (FieldDescriptor field : type.getFields()) {
            if (field.getContainingOneof() != null && message.hasOneof(field.getContainingOneof())) {
                continue;
            }
            boolean isMessage = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
            if (isMessage && !field.isRepeated() && depth >= maxDepth) {
                continue;
            }
            // Leave some fields unset: absent sub-messages and optionals, defaults of the rest.
            if (random.nextInt(5) == 0) {
                continue;
            }
            if (field.isRepeated()) {
                int count = depth >= maxDepth ? 0 : random.nextInt(4);
                for (int i = 0; i < count; i++) {
                    message.addRepeatedField(field, value(field, depth));
                }
            } else {
                message.setField(field, value(field, depth));
            }
        }
        return message.build();
    }

    private static DynamicMessage reparsed(Descriptor type, Message message) {
        try {
            return DynamicMessage.parseFrom(type, message.toByteString());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object value(FieldDescriptor field, int depth) {
        switch (field.getJavaType()) {
            case INT:
                return intValue();
            case LONG:
                return longValue();
            case FLOAT:
                return (float) doubleValue();
            case DOUBLE:
                return doubleValue();
            case BOOLEAN:
                return random.nextBoolean();
            case STRING:
                return STRINGS.get(random.nextInt(STRINGS.size()));
            case BYTE_STRING:
                byte[] bytes = new byte[random.nextInt(8)];
                random.nextBytes(bytes);
                return ByteString.copyFrom(bytes);
            case ENUM:
                EnumDescriptor type = field.getEnumType();
                if (!field.legacyEnumFieldTreatedAsClosed() && random.nextInt(6) == 0) {
                    return type.findValueByNumberCreatingIfUnknown(40 + random.nextInt(1000));
                }
                return type.getValues().get(random.nextInt(type.getValues().size()));
            case MESSAGE:
                return of(field.getMessageType(), depth + 1);
            default:
                throw new IllegalStateException(field.getFullName());
        }
    }

    private int intValue() {
        switch (random.nextInt(6)) {
            case 0:
                return 0;
            case 1:
                return -1 - random.nextInt(1000);
            case 2:
                return Integer.MIN_VALUE;
            case 3:
                return Integer.MAX_VALUE;
            default:
                return random.nextInt();
        }
    }

    private long longValue() {
        switch (random.nextInt(6)) {
            case 0:
                return 0;
            case 1:
                return -1 - random.nextInt(1000);
            case 2:
                return Long.MIN_VALUE;
            case 3:
                return Long.MAX_VALUE;
            default:
                return random.nextLong();
        }
    }

    private double doubleValue() {
        switch (random.nextInt(12)) {
            case 0:
                return Double.NaN;
            case 1:
                return Double.POSITIVE_INFINITY;
            case 2:
                return Double.NEGATIVE_INFINITY;
            case 3:
                return -0.0;
            case 4:
                return 0.0;
            case 5:
                return 1e-300 * random.nextDouble();
            case 6:
                return 1e300 * random.nextDouble();
            case 7:
                return Math.round(random.nextGaussian() * 1000) / 10.0;
            case 8:
                return Double.MIN_VALUE;
            default:
                return random.nextGaussian() * 100;
        }
    }

    /** Seconds over the whole valid range, nanos with 0, 3, 6 or 9 digits. */
    Message timestamp() {
        long seconds;
        switch (random.nextInt(5)) {
            case 0:
                seconds = Timestamps.MIN_VALUE.getSeconds();
                break;
            case 1:
                seconds = Timestamps.MAX_VALUE.getSeconds();
                break;
            case 2:
                seconds = 1_780_000_000L + random.nextInt(100_000_000);
                break;
            default:
                seconds = Timestamps.MIN_VALUE.getSeconds()
                        + (long) (random.nextDouble()
                                * (Timestamps.MAX_VALUE.getSeconds() - Timestamps.MIN_VALUE.getSeconds()));
        }
        return com.google.protobuf.Timestamp.newBuilder()
                .setSeconds(seconds)
                .setNanos(nanos())
                .build();
    }

    /** Negative and positive, whole and fractional. */
    Message duration() {
        long seconds = random.nextInt(3) == 0 ? 0 : random.nextInt(1_000_000);
        int nanos = nanos();
        if (random.nextInt(3) == 0) {
            seconds = random.nextBoolean() ? Durations.MAX_VALUE.getSeconds() : seconds;
            nanos = seconds == Durations.MAX_VALUE.getSeconds() ? Durations.MAX_VALUE.getNanos() : nanos;
        }
        if (random.nextBoolean()) {
            seconds = -seconds;
            nanos = -nanos;
        }
        return com.google.protobuf.Duration.newBuilder()
                .setSeconds(seconds)
                .setNanos(nanos)
                .build();
    }

    private int nanos() {
        switch (random.nextInt(4)) {
            case 0:
                return 0;
            case 1:
                return random.nextInt(1000) * 1_000_000;
            case 2:
                return random.nextInt(1_000_000) * 1_000;
            default:
                return random.nextInt(1_000_000_000);
        }
    }
}
