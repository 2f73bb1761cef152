package home.connected.bench;

import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import home.connected.contracts.Topics;
import home.connected.testing.DevServices;
import home.connected.testing.RunningSystem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import tools.jackson.databind.JsonNode;

/**
 * Read latency through the gateway's REST API beside the same InfluxQL sent straight to InfluxDB, then how long
 * a published reading takes to appear on the live stream (SSE, the dashboard's path) under background load.
 */
final class QueryBench {

    record Options(
            int requests,
            int warmup,
            int devices,
            int sensorsPerDevice,
            int loadRate,
            int loadSeconds,
            int markedRate) {

        static final String USAGE = "[--requests N (200)] [--warmup N (20)] [--devices N (5)]"
                + " [--sensors-per-device N (10)] [--load-rate READINGS_PER_SECOND (1000)]"
                + " [--load-seconds S (60)] [--marked-rate PER_SECOND (10)]";

        static Options parse(String[] args) {
            int[] values = {200, 20, 5, 10, 1000, 60, 10};
            List<String> names = List.of(
                    "--requests",
                    "--warmup",
                    "--devices",
                    "--sensors-per-device",
                    "--load-rate",
                    "--load-seconds",
                    "--marked-rate");
            for (int i = 0; i < args.length; i += 2) {
                int index = names.indexOf(args[i]);
                if (index < 0 || i + 1 >= args.length) {
                    throw new IllegalArgumentException("bad option " + args[i] + "; " + USAGE);
                }
                values[index] = Integer.parseInt(args[i + 1]);
            }
            return new Options(values[0], values[1], values[2], values[3], values[4], values[5], values[6]);
        }
    }

    private static final String TOPIC = Topics.readings("%s");
    private static final int READINGS_PER_LOAD_MESSAGE = 10;
    /** Issue 14's target for publish → visible on the live stream under 1,000 readings/s. */
    private static final int LIVE_TARGET_MILLIS = 150;

    private final DevServices services;
    private final Options options;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private final List<String> sensorKeysJson = new ArrayList<>();
    private final List<String> sensorConditions = new ArrayList<>();
    /** The running system's own InfluxDB bucket, known once it runs. */
    private String bucket;

    QueryBench(DevServices services, Options options) {
        this.services = services;
        this.options = options;
        for (int d = 0; d < options.devices(); d++) {
            for (int s = 0; s < options.sensorsPerDevice(); s++) {
                sensorKeysJson.add(
                        "{\"deviceId\":\"" + device(d) + "\",\"sensor\":\"s" + s + "\",\"quantity\":\"temperature\"}");
                sensorConditions.add("(\"device\" = '" + device(d) + "' AND \"sensor\" = 's" + s
                        + "' AND \"quantity\" = 'temperature')");
            }
        }
    }

    void run() throws Exception {
        int sensors = options.devices() * options.sensorsPerDevice();
        System.out.printf(
                "query bench %s: %d sensors × 24 h at 1/min, %d requests each after %d warm-up%n",
                run, sensors, options.requests(), options.warmup());
        long started = System.nanoTime();
        try (RunningSystem system = new RunningSystem("bench", run)) {
            System.out.printf(
                    "%s ready after %.1f s; %s%n",
                    String.join(", ", system.services().keySet()), (System.nanoTime() - started) / 1e9, memory(system));
            bucket = system.influxBucket();
            writeDay();
            Gateway gateway = Gateway.signIn(system.gatewayHttp(), system.adminUser(), system.adminPassword());
            reads(gateway);
            System.out.println("after the reads: " + memory(system));
            visibility(gateway);
            System.out.println("after the load: " + memory(system));
        }
    }

    /** Each service's VmRSS in MiB. */
    private static String memory(RunningSystem system) {
        List<String> parts = new ArrayList<>();
        system.services()
                .forEach((module, process) -> parts.add(module + " "
                        + ProcessMemory.of(process.pid())
                                .map(memory -> Long.toString(memory.rssMib()))
                                .orElse("?")
                        + " MiB"));
        return String.join(", ", parts);
    }

    private String device(int d) {
        return "bench-q-" + run + "-d" + d;
    }

    /** One reading a minute for the last 24 h on every sensor, straight into InfluxDB. */
    private void writeDay() {
        long start = System.nanoTime();
        int points = 0;
        try (Influx influx = new Influx(bucket)) {
            WriteApiBlocking writes = influx.client().getWriteApiBlocking();
            for (int d = 0; d < options.devices(); d++) {
                List<String> lines = new ArrayList<>();
                for (int s = 0; s < options.sensorsPerDevice(); s++) {
                    for (int minute = 1; minute <= 24 * 60; minute++) {
                        lines.add("reading,device=" + device(d) + ",location=bench,quantity=temperature,sensor=s" + s
                                + ",source=bench,unit=C value=" + (18 + (minute % 120) / 10.0) + " "
                                + now.minus(Duration.ofMinutes(minute)).getEpochSecond());
                    }
                }
                writes.writeRecords(WritePrecision.S, lines);
                points += lines.size();
            }
        }
        System.out.printf("wrote %,d readings to InfluxDB in %.1f s%n", points, (System.nanoTime() - start) / 1e9);
    }

    private void reads(Gateway gateway) {
        String since = "'" + now.minus(Duration.ofDays(30)) + "'";
        String keys = String.join(" OR ", sensorConditions);
        String sensorsJson = "[" + String.join(",", sensorKeysJson) + "]";
        String start = now.minus(Duration.ofDays(1)).toString();
        String end = now.toString();
        AtomicInteger next = new AtomicInteger();

        System.out.printf("%n%-40s %12s %12s   %12s %12s%n", "", "gateway p50", "p99", "InfluxQL p50", "p99");
        compare(
                "catalogue (one device's " + options.sensorsPerDevice() + " sensors)",
                () -> gateway.get(
                        "/api/v1/sensors?filter.deviceId=" + device(next.getAndIncrement() % options.devices())),
                () -> influxQl("SELECT last(\"value\") FROM \"reading\" WHERE time > " + since + " AND \"device\" = '"
                        + device(next.getAndIncrement() % options.devices())
                        + "' GROUP BY \"device\", \"sensor\", \"quantity\", \"location\", \"unit\", \"source\""),
                response -> count(response, "lastValue") == options.sensorsPerDevice());
        compare(
                "latest (" + sensorKeysJson.size() + " sensors)",
                () -> gateway.post("/api/v1/readings:latest", "{\"sensors\":" + sensorsJson + "}"),
                () -> influxQl("SELECT last(\"value\") FROM \"reading\" WHERE time > " + since + " AND (" + keys
                        + ") GROUP BY \"device\", \"sensor\", \"quantity\", \"location\", \"unit\", \"source\""),
                response -> count(response, "readings") == 1
                        && Mqtt.JSON.readTree(response).get("readings").size() == sensorKeysJson.size());
        compare(
                "24 h series, 5 min mean (" + sensorKeysJson.size() + " sensors)",
                () -> gateway.post(
                        "/api/v1/readings:series",
                        "{\"sensors\":" + sensorsJson + ",\"start\":\"" + start + "\",\"end\":\"" + end
                                + "\",\"window\":\"300s\",\"aggregate\":\"AGGREGATE_MEAN\"}"),
                () -> influxQl("SELECT mean(\"value\") FROM \"reading\" WHERE time >= '" + start + "' AND time < '"
                        + end + "' AND (" + keys + ") GROUP BY time(300s), \"device\", \"sensor\", \"quantity\","
                        + " \"unit\" fill(none)"),
                response -> Mqtt.JSON.readTree(response).get("series").size() == sensorKeysJson.size());
    }

    private static int count(String json, String field) {
        return Mqtt.JSON.readTree(json).findValues(field).size();
    }

    private String influxQl(String query) {
        return Gateway.getDirect(services.influxDirectUrl() + "/query?db="
                + URLEncoder.encode(bucket, StandardCharsets.UTF_8) + "&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    /** Warm-up, then the requests one after another, alternating gateway and InfluxDB. */
    private void compare(
            String name,
            Supplier<String> viaGateway,
            Supplier<String> direct,
            java.util.function.Predicate<String> gatewayAnswerIsComplete) {
        String first = viaGateway.get();
        if (!gatewayAnswerIsComplete.test(first)) {
            throw new IllegalStateException(name + ": the gateway's answer is not the whole data set: "
                    + first.substring(0, Math.min(400, first.length())));
        }
        for (int i = 0; i < options.warmup(); i++) {
            viaGateway.get();
            direct.get();
        }
        List<Long> gatewayTimes = new ArrayList<>();
        List<Long> directTimes = new ArrayList<>();
        for (int i = 0; i < options.requests(); i++) {
            gatewayTimes.add(timed(viaGateway));
            directTimes.add(timed(direct));
        }
        gatewayTimes.sort(null);
        directTimes.sort(null);
        System.out.printf(
                "%-40s %9.1f ms %9.1f ms   %9.1f ms %9.1f ms%n",
                name,
                Percentiles.millis(gatewayTimes, 0.50),
                Percentiles.millis(gatewayTimes, 0.99),
                Percentiles.millis(directTimes, 0.50),
                Percentiles.millis(directTimes, 0.99));
    }

    private static long timed(Supplier<String> call) {
        long start = System.nanoTime();
        call.get();
        return System.nanoTime() - start;
    }

    /**
     * Marked single readings from a provisioned device while a background publisher sends {@code loadRate}
     * readings/s for other devices; each marked reading's time from publish to its event on the SSE stream.
     */
    private void visibility(Gateway gateway) throws Exception {
        String device = "bench-q-" + run + "-live";
        JsonNode credentials = Mqtt.JSON.readTree(gateway.post(
                "/api/v1/devices",
                Mqtt.JSON.writeValueAsString(
                        Map.of("deviceId", device, "displayName", "bench live device", "location", "bench"))));
        String user = credentials.get("mqttUsername").asString();
        MqttAsyncClient client = Mqtt.connect(
                services.mqttUrl(), user, user, credentials.get("mqttPassword").asString(), (t, m) -> {});
        String topic = credentials.get("topicPrefix").asString() + "readings";

        int marked = options.markedRate() * Math.max(1, options.loadSeconds() - 5);
        AtomicLongArray sent = new AtomicLongArray(marked);
        AtomicLongArray seen = new AtomicLongArray(marked);
        for (int n = 0; n < marked; n++) {
            seen.set(n, -1);
        }
        AtomicLongArray stored = new AtomicLongArray(marked);
        MqttAsyncClient storedWatcher = watchStored(device, marked, sent, stored);
        AtomicInteger warmupSeen = new AtomicInteger();
        gateway.stream(device, event -> {
            long arrived = System.nanoTime();
            int n = (int) Mqtt.JSON.readTree(event).findValue("value").asDouble();
            if (n >= 0 && n < marked) {
                seen.compareAndSet(n, -1, arrived - sent.get(n));
            } else if (n >= 1_000_000) {
                warmupSeen.incrementAndGet();
            }
        });
        // the stream subscribes behind the gateway asynchronously: mark only once it delivers
        long ready = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int k = 0; warmupSeen.get() == 0 && System.nanoTime() < ready; k++) {
            publish(client, topic, 1_000_000 + k);
            TimeUnit.MILLISECONDS.sleep(500);
        }
        if (warmupSeen.get() == 0) {
            throw new IllegalStateException("the live stream delivered nothing within 30 s");
        }

        String loadUser = "bench-q-load-" + run;
        String loadPassword = UUID.randomUUID().toString();
        Mqtt.createPublisher(services, loadUser, loadPassword, List.of(Topics.ALL_DEVICES));
        Publishers load = new Publishers(services.mqttUrl(), loadUser, loadPassword, 1);
        try {
            int loadMessages = options.loadRate() * options.loadSeconds() / READINGS_PER_LOAD_MESSAGE;
            long interval = TimeUnit.SECONDS.toNanos(1) * READINGS_PER_LOAD_MESSAGE / options.loadRate();
            long loadStart = System.nanoTime();
            AtomicInteger acknowledged = new AtomicInteger();
            Thread background = new Thread(() -> {
                try {
                    acknowledged.set((int) load.publish(loadMessages, i -> {
                        LockSupport.parkNanos(loadStart + i * interval - System.nanoTime());
                        return new Publishers.Message(
                                String.format(TOPIC, "bench-q-" + run + "-load" + (i % 10)), loadPayload(i));
                    }));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            background.start();
            TimeUnit.SECONDS.sleep(2);
            long markInterval = TimeUnit.SECONDS.toNanos(1) / options.markedRate();
            long markStart = System.nanoTime();
            for (int n = 0; n < marked; n++) {
                LockSupport.parkNanos(markStart + n * markInterval - System.nanoTime());
                sent.set(n, System.nanoTime());
                publish(client, topic, n);
            }
            background.join(TimeUnit.SECONDS.toMillis(options.loadSeconds() + 30L));
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (missing(seen) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            List<Long> latencies = new ArrayList<>();
            for (int n = 0; n < marked; n++) {
                if (seen.get(n) >= 0) {
                    latencies.add(seen.get(n));
                }
            }
            latencies.sort(null);
            List<Long> toStored = new ArrayList<>();
            List<Long> storedToSeen = new ArrayList<>();
            for (int n = 0; n < marked; n++) {
                if (seen.get(n) >= 0 && stored.get(n) > 0) {
                    toStored.add(stored.get(n));
                    storedToSeen.add(seen.get(n) - stored.get(n));
                }
            }
            toStored.sort(null);
            storedToSeen.sort(null);
            System.out.printf(
                    "%nbackground load: %,d readings acknowledged by the broker in %.1f s (%,.0f readings/s)%n",
                    (long) acknowledged.get() * READINGS_PER_LOAD_MESSAGE,
                    loadSeconds,
                    acknowledged.get() * READINGS_PER_LOAD_MESSAGE / loadSeconds);
            System.out.printf(
                    "publish→visible on the SSE stream, marked single readings at %d/s: %d of %d seen,"
                            + " p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    options.markedRate(),
                    latencies.size(),
                    marked,
                    Percentiles.millis(latencies, 0.50),
                    Percentiles.millis(latencies, 0.99),
                    Percentiles.millis(latencies, 1.0));
            System.out.printf(
                    "  split: publish → stored announcement (ingest, InfluxDB) p50 %.1f ms, p99 %.1f ms;"
                            + " stored announcement → SSE event (query-service, gateway) p50 %.1f ms, p99 %.1f ms"
                            + " (%d split)%n",
                    Percentiles.millis(toStored, 0.50),
                    Percentiles.millis(toStored, 0.99),
                    Percentiles.millis(storedToSeen, 0.50),
                    Percentiles.millis(storedToSeen, 0.99),
                    toStored.size());
            double p99 = Percentiles.millis(latencies, 0.99);
            boolean met = latencies.size() == marked && p99 <= LIVE_TARGET_MILLIS;
            System.out.printf(
                    "publish→visible p99 %.1f ms, %d of %d seen, against the target of p99 ≤ %d ms with every reading"
                            + " seen: %s%n",
                    p99, latencies.size(), marked, LIVE_TARGET_MILLIS, met ? "met" : "NOT met");
        } finally {
            load.close();
            Mqtt.close(storedWatcher);
            Mqtt.close(client);
            Mqtt.deletePublisher(services, loadUser);
        }
    }

    /** The device's stored announcements (as the admin): when each marked reading was announced, after its publish. */
    private MqttAsyncClient watchStored(String device, int marked, AtomicLongArray sent, AtomicLongArray stored)
            throws Exception {
        return Mqtt.watchStored(services, device, (reading, arrived) -> {
            int n = (int) reading.path("value").asDouble(-1);
            if (n >= 0 && n < marked && sent.get(n) != 0) {
                stored.compareAndSet(n, 0, arrived - sent.get(n));
            }
        });
    }

    private static boolean missing(AtomicLongArray seen) {
        for (int n = 0; n < seen.length(); n++) {
            if (seen.get(n) < 0) {
                return true;
            }
        }
        return false;
    }

    private static void publish(MqttAsyncClient client, String topic, int value) throws Exception {
        String json = "{\"readings\":[{\"sensor\":\"mark\",\"quantity\":\"count\",\"value\":" + value
                + ",\"unit\":\"1\",\"ts\":\"" + Instant.now() + "\"}]}";
        client.publish(topic, new MqttMessage(json.getBytes(StandardCharsets.UTF_8), 1, false, null));
    }

    private static byte[] loadPayload(int message) {
        StringBuilder json = new StringBuilder("{\"readings\":[");
        Instant ts = Instant.now();
        for (int r = 0; r < READINGS_PER_LOAD_MESSAGE; r++) {
            json.append(r == 0 ? "" : ",")
                    .append("{\"sensor\":\"load")
                    .append(r)
                    .append("\",\"quantity\":\"temperature\",\"value\":")
                    .append(message % 100)
                    .append(",\"unit\":\"C\",\"ts\":\"")
                    .append(ts)
                    .append("\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }
}
