package home.connected.query.live;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.query.filter.SensorFilter;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-stream queue on its own, with an in-process stand-in for the gRPC call. */
class LiveSubscriptionTest {

    private final List<LiveSubscription<Reading>> ended = new ArrayList<>();

    @Test
    void sendsMatchingReadingsWhileTheClientKeepsUp() {
        Call call = new Call(true);
        LiveSubscription<Reading> subscription = subscription(call, 3);

        subscription.accept(reading("d1", "temperature"));
        subscription.accept(reading("d2", "temperature"));
        subscription.accept(reading("d1", "humidity"));

        assertThat(call.sent).extracting(r -> r.getKey().getDeviceId()).containsExactly("d1");
    }

    @Test
    void holdsReadingsUntilTheClientIsReadyAgain() {
        Call call = new Call(false);
        LiveSubscription<Reading> subscription = subscription(call, 3);
        subscription.accept(reading("d1", "temperature"));
        subscription.accept(reading("d1", "temperature"));
        assertThat(call.sent).isEmpty();

        call.ready = true;
        subscription.drain();

        assertThat(call.sent).hasSize(2);
        assertThat(call.error).isNull();
    }

    @Test
    void dropsAClientThatFallsBehindInsteadOfWaitingForIt() {
        Call call = new Call(false);
        LiveSubscription<Reading> subscription = subscription(call, 3);

        for (int i = 0; i < 10; i++) {
            subscription.accept(reading("d1", "temperature"));
        }

        assertThat(call.error).isNotNull();
        assertThat(Status.fromThrowable(call.error).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(call.errors).isEqualTo(1);
        assertThat(call.sent).isEmpty();
        assertThat(ended).containsExactly(subscription);
    }

    @Test
    void endsOnceWithTheGivenStatusWhenTheServerStops() {
        Call call = new Call(true);
        LiveSubscription<Reading> subscription = subscription(call, 3);

        subscription.end(Status.UNAVAILABLE.withDescription("stopping"));
        subscription.end(Status.UNAVAILABLE.withDescription("stopping"));
        subscription.accept(reading("d1", "temperature"));

        assertThat(Status.fromThrowable(call.error).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(call.errors).isEqualTo(1);
        assertThat(call.sent).isEmpty();
        assertThat(ended).containsExactly(subscription);
    }

    @Test
    void forgetsACancelledClient() {
        Call call = new Call(true);
        LiveSubscription<Reading> subscription = subscription(call, 3);

        subscription.cancelled();
        subscription.accept(reading("d1", "temperature"));

        assertThat(call.sent).isEmpty();
        assertThat(ended).containsExactly(subscription);
    }

    private LiveSubscription<Reading> subscription(Call call, int buffer) {
        SensorFilter filter = SensorFilter.of(
                ReadingFilter.newBuilder()
                        .setDeviceId("d1")
                        .setQuantity("temperature")
                        .build(),
                256);
        return new LiveSubscription<>(
                reading -> filter.matches(
                        reading.getKey().getDeviceId(),
                        reading.getKey().getSensor(),
                        reading.getKey().getQuantity(),
                        reading.getLocation(),
                        reading.getRoom(),
                        reading.getDeviceName()),
                call,
                buffer,
                ended::add);
    }

    private static Reading reading(String device, String quantity) {
        return Reading.newBuilder()
                .setKey(SensorKey.newBuilder()
                        .setDeviceId(device)
                        .setSensor("s")
                        .setQuantity(quantity))
                .setValue(1.0)
                .build();
    }

    private static final class Call extends ServerCallStreamObserver<Reading> {

        final List<Reading> sent = new ArrayList<>();
        volatile boolean ready;
        Throwable error;
        int errors;

        Call(boolean ready) {
            this.ready = ready;
        }

        @Override
        public boolean isReady() {
            return ready;
        }

        @Override
        public void onNext(Reading value) {
            sent.add(value);
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            errors++;
        }

        @Override
        public void onCompleted() {}

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public void setOnCancelHandler(Runnable onCancelHandler) {}

        @Override
        public void setCompression(String compression) {}

        @Override
        public void setOnReadyHandler(Runnable onReadyHandler) {}

        @Override
        public void request(int count) {}

        @Override
        public void setMessageCompression(boolean enable) {}

        @Override
        public void disableAutoInboundFlowControl() {}
    }
}
