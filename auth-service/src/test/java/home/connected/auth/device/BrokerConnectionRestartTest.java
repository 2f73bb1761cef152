package home.connected.auth.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import home.connected.access.ApiException;
import home.connected.testing.ThrowawayMosquitto;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** auth-service's broker connection against a throwaway Mosquitto that the test stops and starts. */
class BrokerConnectionRestartTest {

    private static final Duration BACK = Duration.ofSeconds(10);

    @Test
    void commandsFailClearlyWhileTheBrokerIsAwayAndWorkAgainWithinSecondsOfItsReturn() {
        try (ThrowawayMosquitto broker = ThrowawayMosquitto.started()) {
            BrokerConnection connection =
                    new BrokerConnection(new BrokerConnection.Properties(broker.url(), "", "", Duration.ofSeconds(5)));
            List<String> heard = new CopyOnWriteArrayList<>();
            try {
                connection.subscribe(
                        "answers/#",
                        (topic, message) -> heard.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
                await().atMost(BACK).until(() -> connection.connection().subscribed());
                connection.publish("answers/1", "before");
                await().atMost(BACK).until(() -> heard.contains("before"));

                broker.stop();
                await().atMost(BACK).until(() -> !connection.connection().connected());
                assertThatThrownBy(() -> connection.publish("answers/2", "while away"))
                        .isInstanceOf(ApiException.class)
                        .hasMessageContaining("not reachable");
                broker.start();

                await().atMost(BACK).until(() -> connection.connection().subscribed());
                connection.publish("answers/3", "after");
                await().atMost(BACK).until(() -> heard.contains("after"));
                assertThat(heard).doesNotContain("while away");
            } finally {
                connection.destroy();
            }
        }
    }
}
