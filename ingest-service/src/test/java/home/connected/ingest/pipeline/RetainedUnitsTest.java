package home.connected.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.influxdb.query.InfluxQLQueryResult;
import home.connected.ingest.IngestSpringTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.junit.jupiter.api.Test;

/** Homie units retained before ingest subscribed are applied, also when ingest runs in a share group. */
class RetainedUnitsTest {

    @Test
    void aUnitRetainedBeforeIngestSubscribedIsAppliedWithAShareGroup() throws Exception {
        String device = "homie-" + UUID.randomUUID().toString().substring(0, 8);
        String property = "homie/" + device + "/climate/temperature";
        Map<String, String> environment = IngestSpringTest.environment("retained-units");
        assertThat(environment.get("CH_INGEST_MQTT_SHARE_GROUP")).isNotEmpty();
        MqttAsyncClient publisher = TestBroker.publisher("homie/" + device + "/#");
        try (StoredReadings stored = new StoredReadings()) {
            TestBroker.publishRetained(publisher, property + "/$unit", "°C");
            try (IngestChild ingest = IngestChild.create("retained-units", environment)) {
                ingest.start();
                ingest.awaitReadiness(200);
                TestBroker.publish(publisher, property, "21.5");

                assertThat(stored.awaitCount(device, 1, Duration.ofSeconds(15))).isEqualTo(1);
                List<InfluxQLQueryResult.Series.Record> rows =
                        stored.rows("SELECT * FROM reading WHERE device = '" + device + "'");
                assertThat(rows).singleElement().satisfies(row -> {
                    assertThat(row.getValueByKey("unit")).isEqualTo("°C");
                    assertThat(row.getValueByKey("value")).isEqualTo("21.5");
                });
            }
        } finally {
            TestBroker.publishRetained(publisher, property + "/$unit", ""); // clears the retained unit
            TestBroker.close(publisher);
        }
    }
}
