package home.connected.gateway.protojson;

/** Floating-point values as JsonFormat prints them: Java's decimal form, non-finite ones quoted. */
final class JsonNumbers {

    private JsonNumbers() {}

    static void appendDouble(JsonOut out, double value) {
        if (Double.isNaN(value)) {
            out.append("\"NaN\"");
        } else if (Double.isInfinite(value)) {
            out.append(value < 0 ? "\"-Infinity\"" : "\"Infinity\"");
        } else {
            out.append(Double.toString(value));
        }
    }

    static void appendFloat(JsonOut out, float value) {
        if (Float.isNaN(value)) {
            out.append("\"NaN\"");
        } else if (Float.isInfinite(value)) {
            out.append(value < 0 ? "\"-Infinity\"" : "\"Infinity\"");
        } else {
            out.append(Float.toString(value));
        }
    }
}
