package home.connected.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import home.connected.contracts.Topics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SubscriptionsTest {

    private static final List<String> FILTERS = List.of(Topics.ALL_READINGS, "homie/#");
    private static final List<String> PER_REPLICA = List.of("homie/+/+/+/$unit");

    @Test
    void withoutAShareGroupOneConnectionSubscribesPlainly() {
        IngestProperties.Mqtt mqtt = mqtt("", 1);

        assertThat(mqtt.subscriptions(0, FILTERS, PER_REPLICA)).isEqualTo(FILTERS);
    }

    @Test
    void withAShareGroupEveryConnectionSharesAndTheFirstAlsoTakesThePerReplicaFiltersUnshared() {
        IngestProperties.Mqtt mqtt = mqtt("ingest", 2);

        assertThat(mqtt.subscriptions(0, FILTERS, PER_REPLICA))
                .containsExactly("$share/ingest/" + Topics.ALL_READINGS, "$share/ingest/homie/#", "homie/+/+/+/$unit");
        assertThat(mqtt.subscriptions(1, FILTERS, PER_REPLICA))
                .containsExactly("$share/ingest/" + Topics.ALL_READINGS, "$share/ingest/homie/#");
    }

    @Test
    void severalConnectionsNeedAShareGroup() {
        assertThatThrownBy(() -> mqtt("", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("share-group");
    }

    private static IngestProperties.Mqtt mqtt(String shareGroup, int connections) {
        return new IngestProperties.Mqtt(
                "tcp://127.0.0.1:1",
                "u",
                "p",
                "ingest",
                shareGroup,
                connections,
                100,
                Duration.ofMinutes(1),
                false,
                "",
                "");
    }
}
