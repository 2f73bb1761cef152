package home.connected.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/** Several Paho connections publishing QoS 1 messages as fast as the broker acknowledges them. */
final class Publishers implements AutoCloseable {

    /** One message to publish: where and what. */
    record Message(String topic, byte[] payload) {}

    private static final int WINDOW = 1_000;

    private final List<MqttAsyncClient> clients = new ArrayList<>();

    Publishers(String url, String user, String password, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            clients.add(Mqtt.connect(url, user, password, (topic, message) -> {}));
        }
    }

    /** Publishes messages 0..count-1 spread over the connections; returns how many the broker acknowledged. */
    long publish(int count, IntFunction<Message> messages) throws InterruptedException {
        return publish(count, messages, () -> false);
    }

    /** As {@link #publish(int, IntFunction)}, ending early once {@code stop} says so. */
    long publish(int count, IntFunction<Message> messages, BooleanSupplier stop) throws InterruptedException {
        AtomicLong acknowledged = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            MqttAsyncClient client = clients.get(c);
            int first = c;
            Thread thread = new Thread(
                    () -> publishShare(client, first, count, messages, stop, acknowledged), "publisher-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return acknowledged.get();
    }

    private void publishShare(
            MqttAsyncClient client,
            int first,
            int count,
            IntFunction<Message> messages,
            BooleanSupplier stop,
            AtomicLong acknowledged) {
        Semaphore window = new Semaphore(WINDOW);
        MqttActionListener release = new MqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                acknowledged.incrementAndGet();
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable failure) {
                window.release();
            }
        };
        try {
            for (int i = first; i < count && !stop.getAsBoolean(); i += clients.size()) {
                Message message = messages.apply(i);
                window.acquire();
                try {
                    client.publish(message.topic(), new MqttMessage(message.payload(), 1, false, null), null, release);
                } catch (Exception e) {
                    window.release();
                }
            }
            window.acquire(WINDOW);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Publishes one message on the first connection and waits for the broker's acknowledgement. */
    void publishOne(Message message) throws Exception {
        clients.get(0)
                .publish(message.topic(), new MqttMessage(message.payload(), 1, false, null))
                .waitForCompletion(10_000);
    }

    @Override
    public void close() {
        clients.forEach(Mqtt::close);
    }
}
