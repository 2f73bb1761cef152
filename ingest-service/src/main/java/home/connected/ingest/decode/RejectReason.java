package home.connected.ingest.decode;

/** The reasons a reading is refused; {@link #label()} is the {@code reason} tag of ingest_rejected_total. */
public enum RejectReason {
    OVERSIZED,
    INVALID_UTF8,
    MALFORMED,
    WRONG_TYPE,
    MISSING_FIELD,
    NOT_FINITE,
    TIMESTAMP_OUT_OF_RANGE,
    INVALID_NAME,
    INVALID_UNIT,
    UNSUPPORTED_VALUE,
    UNKNOWN_TOPIC,
    /** InfluxDB refused the readings (400), e.g. a field type conflict; set by the writer, not a decoder. */
    WRITE_REFUSED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
