package home.connected.ingest.decode;

/** The payload conventions a topic can carry; configured per topic filter in {@link IngestTopics}. */
public enum TopicFormat {
    /** Our topic: native JSON, SenML JSON or InfluxDB line protocol, told apart by the payload's shape. */
    CONNECTED_HOME,
    ZIGBEE2MQTT,
    TASMOTA,
    ESPHOME,
    HOMIE
}
