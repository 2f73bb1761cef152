package home.connected.bench;

import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import home.connected.testing.DevServices;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import tools.jackson.databind.JsonNode;

/**
 * The bare baseline: one Paho connection (QoS 1, automatic acknowledgement) parsing our JSON into
 * line protocol, and one thread writing batches of up to 5,000 points straight to InfluxDB. No
 * validation, no dead letters, no acknowledgement after the write, no bound on memory.
 */
final class BaselineSubscriber implements AutoCloseable {

    private static final int BATCH = 5_000;
    /** Paho names its threads after the client id: the baseline's CPU time is that of these threads. */
    private static final String CLIENT_ID =
            "baseline-" + UUID.randomUUID().toString().substring(0, 8);

    private final BlockingQueue<Lines> queue = new LinkedBlockingQueue<>();
    private final AtomicLong written = new AtomicLong();
    private final WriteApiBlocking writeApi;
    private final MqttAsyncClient client;
    private final Thread writer;

    private record Lines(String text, int count) {}

    BaselineSubscriber(DevServices services, Influx influx, String filter) throws Exception {
        writeApi = influx.client().getWriteApiBlocking();
        writer = new Thread(this::write, CLIENT_ID + "-writer");
        writer.setDaemon(true);
        writer.start();
        client = Mqtt.connect(
                services.mqttUrl(), CLIENT_ID, services.mqttAdminUser(), services.mqttAdminPassword(), this::onMessage);
        client.subscribe(filter, 1).waitForCompletion(10_000);
    }

    long written() {
        return written.get();
    }

    /** CPU seconds used so far by the baseline's threads (Paho's and the writer). */
    static double cpuSeconds() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().contains(CLIENT_ID)) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e9;
    }

    private void onMessage(String topic, MqttMessage message) {
        String device = topic.substring(topic.lastIndexOf('/') + 1);
        StringBuilder lines = new StringBuilder();
        int count = 0;
        for (JsonNode reading : Mqtt.JSON.readTree(message.getPayload()).path("readings")) {
            Instant time = Instant.parse(reading.path("ts").asString());
            lines.append("reading,device=")
                    .append(device)
                    .append(",quantity=")
                    .append(reading.path("quantity").asString())
                    .append(",sensor=")
                    .append(reading.path("sensor").asString())
                    .append(" value=")
                    .append(reading.path("value").asDouble())
                    .append(' ')
                    .append(time.getEpochSecond() * 1_000_000_000L + time.getNano())
                    .append('\n');
            count++;
        }
        queue.add(new Lines(lines.toString(), count));
    }

    private void write() {
        try {
            while (true) {
                Lines first = queue.take();
                StringBuilder batch = new StringBuilder(first.text());
                int count = first.count();
                Lines next;
                while (count < BATCH && (next = queue.poll()) != null) {
                    batch.append(next.text());
                    count += next.count();
                }
                try {
                    writeApi.writeRecord(WritePrecision.NS, batch.toString());
                    written.addAndGet(count);
                } catch (RuntimeException e) {
                    System.err.println("baseline: write failed, " + count + " readings lost: " + e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        Mqtt.close(client);
        writer.interrupt();
    }
}
