package home.connected.query.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.query.QuerySpringTest;
import home.connected.query.TestReadings;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class LiveStreamTest extends QuerySpringTest {

    @Autowired
    LiveReadings live;

    @Test
    void streamsStoredReadingsThatMatchTheFilterAndCleansUpOnCancel() throws Exception {
        String device = TestReadings.uniqueDevice("live");
        String other = TestReadings.uniqueDevice("live-other");
        int openBefore = live.open();
        Stream stream = new Stream();
        asyncReader()
                .streamReadings(
                        ReadingFilter.newBuilder()
                                .setDeviceId(device)
                                .setQuantity("temperature")
                                .build(),
                        stream);
        try (DevBrokerPublisher publisher = new DevBrokerPublisher()) {
            // the stream and the service's broker subscription are both in place once a reading comes through
            await("a matching reading within 30 s")
                    .atMost(Duration.ofSeconds(30))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(
                            () -> {
                                publisher.publish(
                                        device,
                                        "probe",
                                        "temperature",
                                        "lab",
                                        "°C",
                                        1.0,
                                        Instant.now().toString());
                                return stream.readings.poll(500, TimeUnit.MILLISECONDS);
                            },
                            Objects::nonNull);

            publisher.publish(other, "bme280", "temperature", "lab", "°C", 66.0, "2026-11-26T08:15:00Z");
            publisher.publish(device, "bme280", "humidity", "lab", "%", 55.0, "2026-11-26T08:15:00Z");
            publisher.publish(device, "bme280", "temperature", "kitchen", "°C", 21.5, "2026-11-26T08:15:00.250Z");

            List<Reading> received = new ArrayList<>();
            Reading marker;
            do {
                marker = stream.readings.poll(10, TimeUnit.SECONDS);
                assertThat(marker).as("the matching reading arrives").isNotNull();
                received.add(marker);
            } while (!marker.getKey().getSensor().equals("bme280"));

            assertThat(marker)
                    .isEqualTo(Reading.newBuilder()
                            .setKey(SensorKey.newBuilder()
                                    .setDeviceId(device)
                                    .setSensor("bme280")
                                    .setQuantity("temperature"))
                            .setLocation("kitchen")
                            .setUnit("°C")
                            .setValue(21.5)
                            .setTime(Timestamps.parseUnchecked("2026-11-26T08:15:00.250Z"))
                            .setRoom("kitchen")
                            .setDeviceName(device)
                            .build());
            assertThat(received).as("nothing that does not match the filter").allSatisfy(r -> {
                assertThat(r.getKey().getDeviceId()).isEqualTo(device);
                assertThat(r.getKey().getQuantity()).isEqualTo("temperature");
            });
        }

        assertThat(live.open()).isEqualTo(openBefore + 1);
        stream.call.cancel("done", null);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(live.open())
                        .as("the cancelled stream is gone")
                        .isEqualTo(openBefore));
    }

    private static final class Stream implements ClientResponseObserver<ReadingFilter, Reading> {

        final BlockingQueue<Reading> readings = new LinkedBlockingQueue<>();
        volatile ClientCallStreamObserver<ReadingFilter> call;

        @Override
        public void beforeStart(ClientCallStreamObserver<ReadingFilter> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(Reading reading) {
            readings.add(reading);
        }

        @Override
        public void onError(Throwable error) {}

        @Override
        public void onCompleted() {}
    }
}
