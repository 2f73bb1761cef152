package home.connected.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each datastore can be switched off for an external one, which the services then use. */
class ExternalDatastoresTest {

    static Stream<Arguments> datastores() {
        return Stream.of(
                Arguments.of("mariadb", "externalDatabase.url", "jdbc:mariadb://db.lan:3306/home", "CH_MARIADB_URL"),
                Arguments.of("mosquitto", "externalMqtt.url", "tcp://broker.lan:1883", "CH_MQTT_URL"),
                Arguments.of("influxdb", "externalInfluxdb.url", "https://influx.lan", "CH_INFLUX_URL"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datastores")
    void switchedOffTheServicesUseTheExternalOne(String datastore, String urlKey, String url, String variable) {
        RenderedChart chart = RenderedChart.render(null, Map.of(datastore + ".enabled", "false", urlKey, url));

        assertThat(chart.workloads()).extracting(RenderedChart::component).doesNotContain(datastore);
        long users = chart.serviceWorkloads().stream()
                .map(d -> chart.environmentOf(RenderedChart.mainContainer(d)))
                .filter(environment -> environment.containsKey(variable))
                .peek(environment -> assertThat(environment.get(variable)).isEqualTo(url))
                .count();
        assertThat(users).as("services that use %s", datastore).isPositive();
    }
}
