package home.connected.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Messages published while disconnected, oldest dropped when full, sent in order after a reconnect. */
final class OfflineBuffer {

    private final int capacity;
    private final Deque<MqttConnection.OutgoingMessage> messages = new ArrayDeque<>();

    OfflineBuffer(int capacity) {
        this.capacity = capacity;
    }

    int capacity() {
        return capacity;
    }

    /** Keeps the message while disconnected, or while earlier ones still wait (so the order holds). */
    synchronized boolean keepUnlessConnected(MqttConnection.OutgoingMessage message, BooleanSupplier connected) {
        if (messages.isEmpty() && connected.getAsBoolean()) {
            return false;
        }
        if (messages.size() == capacity) {
            messages.removeFirst()
                    .delivery
                    .completeExceptionally(new IllegalStateException(
                            "dropped: more than " + capacity + " messages published while disconnected"));
        }
        messages.addLast(message);
        return true;
    }

    synchronized void drain(BooleanSupplier connected, Consumer<MqttConnection.OutgoingMessage> send) {
        while (!messages.isEmpty() && connected.getAsBoolean()) {
            send.accept(messages.removeFirst());
        }
    }

    synchronized void failAll(String why) {
        messages.forEach(m -> m.delivery.completeExceptionally(new IllegalStateException(why)));
        messages.clear();
    }
}
