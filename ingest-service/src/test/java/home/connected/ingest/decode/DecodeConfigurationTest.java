package home.connected.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import home.connected.contracts.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The topic mapping and limits are bound from configuration. */
class DecodeConfigurationTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(DecodeConfiguration.class, TopicRoutingDecoder.class);

    @Test
    void defaultsRouteEveryKnownFormat() {
        context.run(app -> {
            assertThat(app.getBean(IngestTopics.class).subscriptionFilters())
                    .containsExactly(
                            Topics.ALL_READINGS, "zigbee2mqtt/#", "tele/+/SENSOR", "+/sensor/+/state", "homie/#");
            assertThat(app).hasSingleBean(TopicRoutingDecoder.class);
        });
    }

    @Test
    void routesAndLimitsComeFromProperties() {
        context.withPropertyValues(
                        "ch.ingest.topics.routes[0].filter=garden/+/esp/sensor/+/state",
                        "ch.ingest.topics.routes[0].format=esphome",
                        "ch.ingest.topics.routes[1].filter=z2m/#",
                        "ch.ingest.topics.routes[1].format=zigbee2mqtt",
                        "ch.ingest.topics.ignored[0]=z2m/bridge/#",
                        "ch.ingest.decode.max-payload-size=8B")
                .run(app -> {
                    TopicRoutingDecoder decoder = app.getBean(TopicRoutingDecoder.class);
                    assertThat(decode(decoder, "garden/1/esp/sensor/soil_temp/state", "12.5"))
                            .extracting(Reading::deviceId, Reading::quantity)
                            .containsExactly(tuple("garden-1-esp", "temperature"));
                    assertThat(decode(decoder, "z2m/bridge/state", "{\"a\":1}")).isEmpty();
                    assertThat(decoder.decode(
                                            "z2m/plug",
                                            "{\"power\":12}".getBytes(StandardCharsets.UTF_8),
                                            Samples.RECEIVED_AT)
                                    .rejections())
                            .extracting(Rejection::reason)
                            .containsExactly(RejectReason.OVERSIZED);
                    assertThat(decoder.decode(
                                            "zigbee2mqtt/plug",
                                            "{}".getBytes(StandardCharsets.UTF_8),
                                            Samples.RECEIVED_AT)
                                    .rejections())
                            .extracting(Rejection::reason)
                            .containsExactly(RejectReason.UNKNOWN_TOPIC);
                });
    }

    private static List<Reading> decode(TopicRoutingDecoder decoder, String topic, String payload) {
        return decoder.decode(topic, payload.getBytes(StandardCharsets.UTF_8), Samples.RECEIVED_AT)
                .readings();
    }
}
