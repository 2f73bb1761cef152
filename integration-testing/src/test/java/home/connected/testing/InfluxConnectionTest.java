package home.connected.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.InfluxQLQuery;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.UnauthorizedException;
import com.influxdb.query.InfluxQLQueryResult;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InfluxConnectionTest {

    private final DevServices services = DevServices.get();

    @BeforeEach
    void influxAnswers() {
        services.requireListening("InfluxDB front", services.influxUrl());
    }

    @Test
    void writesThroughTheV2FrontAndReadsTheSamePointWithInfluxQl() {
        String probe = "p" + UUID.randomUUID().toString().replace("-", "");
        long millis = Instant.now().toEpochMilli();
        try (InfluxDBClient client = InfluxDBClientFactory.create(
                services.influxUrl(),
                services.influxToken().toCharArray(),
                services.influxOrg(),
                services.influxBucket())) {
            client.getWriteApiBlocking()
                    .writeRecord(WritePrecision.MS, "connection_probe,probe=" + probe + " value=42.5 " + millis);

            InfluxQLQueryResult result = client.getInfluxQLQueryApi()
                    .query(new InfluxQLQuery(
                                    "SELECT value FROM connection_probe WHERE probe = '" + probe + "'",
                                    services.influxBucket())
                            .setPrecision(InfluxQLQuery.InfluxQLPrecision.MILLISECONDS));

            List<InfluxQLQueryResult.Series.Record> records =
                    result.getResults().get(0).getSeries().get(0).getValues();
            assertThat(records).hasSize(1);
            assertThat(records.get(0).getValueByKey("value")).isEqualTo("42.5");
            assertThat(records.get(0).getValueByKey("time")).isEqualTo(String.valueOf(millis));
        }
    }

    @Test
    void theFrontRefusesAWrongToken() {
        try (InfluxDBClient client = InfluxDBClientFactory.create(
                services.influxUrl(), "wrong".toCharArray(), services.influxOrg(), services.influxBucket())) {
            assertThatThrownBy(() ->
                            client.getWriteApiBlocking().writeRecord(WritePrecision.MS, "connection_probe value=1"))
                    .isInstanceOf(UnauthorizedException.class);
        }
    }
}
