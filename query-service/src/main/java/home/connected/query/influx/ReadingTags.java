package home.connected.query.influx;

/** The tag keys ingest-service writes on every reading (empty tags are left out). */
public final class ReadingTags {

    public static final String DEVICE = "device";
    public static final String SENSOR = "sensor";
    public static final String QUANTITY = "quantity";
    public static final String LOCATION = "location";
    public static final String UNIT = "unit";
    public static final String SOURCE = "source";
    public static final String VALUE_FIELD = "value";

    private ReadingTags() {}
}
