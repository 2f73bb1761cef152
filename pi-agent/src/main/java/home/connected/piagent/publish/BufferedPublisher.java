package home.connected.piagent.publish;

import home.connected.contracts.Topics;
import home.connected.mqtt.ConnectionListener;
import home.connected.mqtt.MqttConnection;
import home.connected.mqtt.MqttConnection.Delivery;
import home.connected.piagent.buffer.Batch;
import home.connected.piagent.buffer.Position;
import home.connected.piagent.buffer.ReadingLog;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.net.SocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the {@link ReadingLog} holds to the broker, oldest first, and acknowledges it in the
 * log only once the broker has acknowledged it (QoS 1): a reading leaves the disk after the broker
 * has it, never before. One sender thread; at most {@code window} messages in flight, each of up to
 * {@code batch} readings, at most {@code rate} messages a second, so a week's backlog after an
 * outage goes out steadily while new readings keep being taken (they queue behind it, in order).
 *
 * <p>When a message fails, the sender starts again from the oldest unacknowledged reading: a
 * reading may reach the broker twice, which is harmless (it carries the device's own timestamp, and
 * the second write of a point overwrites the first), and is never skipped.
 *
 * <p>The connection is the platform's {@link MqttConnection}: MQTT 5, a persistent session,
 * retained {@code online} after every connect and {@code offline} as the last will.
 */
public final class BufferedPublisher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BufferedPublisher.class);
    private static final int QOS = 1;
    private static final Duration SESSION_EXPIRY = Duration.ofDays(7);
    private static final String ONLINE = "online";
    private static final String OFFLINE = "offline";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final ReadingLog buffer;
    private final String readingsTopic;
    private final String statusTopic;
    private final MqttConnection connection;
    private final int batch;
    private final int window;
    private final long nanosPerMessage;
    private final AtomicLong sentMessages = new AtomicLong();
    private final AtomicLong sentReadings = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Thread sender;
    private volatile boolean ready;
    private volatile boolean closed;

    /**
     * @param socketFactory for TLS to the broker, or null for the URL's default
     * @param rate messages a second at most
     */
    public BufferedPublisher(
            ReadingLog buffer,
            String deviceId,
            String url,
            String username,
            String password,
            SocketFactory socketFactory,
            int batch,
            int window,
            double rate) {
        this.buffer = buffer;
        this.readingsTopic = Topics.readings(deviceId);
        this.statusTopic = Topics.status(deviceId);
        this.batch = batch;
        this.window = window;
        this.nanosPerMessage = (long) (TimeUnit.SECONDS.toNanos(1) / rate);
        this.connection = MqttConnection.builder("agent", url, "agent-" + deviceId)
                .credentials(username, password)
                .socketFactory(socketFactory)
                .persistentSession(SESSION_EXPIRY)
                .will(statusTopic, OFFLINE, true)
                .birth(statusTopic, ONLINE, true)
                .retry(Duration.ofMillis(500), Duration.ofSeconds(15))
                .listener(new Readiness())
                .build();
        this.sender = new Thread(this::send, "sender");
        sender.setDaemon(true);
    }

    public void start() {
        connection.start();
        sender.start();
    }

    public boolean connected() {
        return connection.connected();
    }

    public long sentMessages() {
        return sentMessages.get();
    }

    /** Readings the broker acknowledged (a reading resent after a failure counts again). */
    public long sentReadings() {
        return sentReadings.get();
    }

    public long failures() {
        return failures.get();
    }

    /** Says {@code offline} (retained), then disconnects cleanly. What is not acknowledged stays in the buffer. */
    @Override
    public void close() {
        closed = true; // not interrupted: an interrupt in file I/O would close the buffer's channel
        LockSupport.unpark(sender);
        try {
            sender.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!connection.closeWith(statusTopic, OFFLINE.getBytes(StandardCharsets.UTF_8), true)) {
            log.warn("offline not published; the broker publishes the last will");
        }
    }

    private void send() {
        Deque<InFlight> inFlight = new ArrayDeque<>();
        Position next = buffer.firstUnacknowledged();
        Duration retry = FIRST_RETRY;
        long nextSendAt = System.nanoTime();
        while (!closed) {
            try {
                if (!settle(inFlight)) {
                    failures.incrementAndGet();
                    inFlight.clear();
                    next = buffer.firstUnacknowledged();
                    pause(retry);
                    retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
                    continue;
                }
                if (!ready) {
                    // what is in flight is sent again by the connection on the next one (persistent session)
                    pause(Duration.ofSeconds(1));
                    continue;
                }
                if (inFlight.size() >= window) {
                    inFlight.peekFirst().delivery.get(1, TimeUnit.SECONDS);
                    continue;
                }
                Batch readings = buffer.read(next, batch, 128 * 1024);
                if (readings.records().isEmpty()) {
                    if (inFlight.isEmpty()) {
                        buffer.awaitData(next, Duration.ofSeconds(1));
                    } else {
                        inFlight.peekFirst().delivery.get(100, TimeUnit.MILLISECONDS);
                    }
                    continue;
                }
                long wait = nextSendAt - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                nextSendAt = Math.max(nextSendAt + nanosPerMessage, System.nanoTime() - nanosPerMessage);
                byte[] message = ReadingJson.message(readings.records());
                inFlight.addLast(new InFlight(
                        connection.publish(readingsTopic, message, QOS, false),
                        readings.next(),
                        readings.records().size()));
                next = readings.next();
                retry = FIRST_RETRY;
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
            } catch (java.util.concurrent.TimeoutException e) {
                // the oldest message is still unanswered; settle what has been
            } catch (java.util.concurrent.ExecutionException e) {
                // settled (and counted) on the next turn
            } catch (RuntimeException e) {
                log.error("sending readings failed; starting again from the oldest unsent", e);
                failures.incrementAndGet();
                inFlight.clear();
                next = buffer.firstUnacknowledged();
                pause(retry);
            }
        }
    }

    /** Acknowledges in the log the answered messages at the head; false when one of them failed. */
    private boolean settle(Deque<InFlight> inFlight) {
        Position acknowledged = null;
        boolean ok = true;
        while (!inFlight.isEmpty() && inFlight.peekFirst().delivery.isDone()) {
            InFlight head = inFlight.removeFirst();
            Delivery delivery = head.delivery.isCompletedExceptionally() ? null : head.delivery.join();
            if (delivery == null || !delivery.accepted()) {
                log.warn(
                        "broker did not take {} readings ({}); sending again from the oldest unsent",
                        head.readings,
                        delivery == null ? failureOf(head.delivery) : "reason " + delivery.reasonCode());
                ok = false;
                break;
            }
            acknowledged = head.next;
            sentMessages.incrementAndGet();
            sentReadings.addAndGet(head.readings);
        }
        if (acknowledged != null) {
            buffer.acknowledge(acknowledged);
        }
        return ok;
    }

    private static String failureOf(CompletableFuture<Delivery> delivery) {
        try {
            delivery.join();
            return "no answer";
        } catch (RuntimeException e) {
            return String.valueOf(e.getCause() != null ? e.getCause() : e);
        }
    }

    private void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }

    private record InFlight(CompletableFuture<Delivery> delivery, Position next, int readings) {}

    private final class Readiness implements ConnectionListener {

        @Override
        public void connected(boolean reconnect) {
            ready = true;
            LockSupport.unpark(sender);
        }

        @Override
        public void lost(String cause) {
            ready = false;
        }
    }
}
