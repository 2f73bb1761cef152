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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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
            List<Integer> sizes,
            int sensorsPerDevice,
            int loadRate,
            int loadSeconds,
            int markedRate) {

        static final String USAGE = "[--requests N (200)] [--warmup N (200)] [--sizes N,N,... (50,1000,10000): sensors]"
                + " [--sensors-per-device N (10)] [--load-rate READINGS_PER_SECOND (1000)]"
                + " [--load-seconds S (60)] [--marked-rate PER_SECOND (10)]";

        static Options parse(String[] args) {
            // the warm-up, untimed, lets the JIT of every JVM (this one included) compile the path first
            int[] values = {200, 200, 10, 1000, 60, 10};
            List<Integer> sizes = List.of(50, 1000, 10000);
            List<String> names = List.of(
                    "--requests", "--warmup", "--sensors-per-device", "--load-rate", "--load-seconds", "--marked-rate");
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("bad option " + args[i] + "; " + USAGE);
                }
                if (args[i].equals("--sizes")) {
                    sizes = Arrays.stream(args[i + 1].split(","))
                            .map(Integer::valueOf)
                            .sorted()
                            .toList();
                    continue;
                }
                int index = names.indexOf(args[i]);
                if (index < 0) {
                    throw new IllegalArgumentException("bad option " + args[i] + "; " + USAGE);
                }
                values[index] = Integer.parseInt(args[i + 1]);
            }
            if (sizes.get(0) < CHARTED) {
                throw new IllegalArgumentException("each size must be at least " + CHARTED + " sensors");
            }
            return new Options(values[0], values[1], sizes, values[2], values[3], values[4], values[5]);
        }
    }

    private static final String TOPIC = Topics.readings("%s");
    private static final int READINGS_PER_LOAD_MESSAGE = 10;
    /** The target for publish → visible on the live stream under 1,000 readings/s. */
    private static final int LIVE_TARGET_MILLIS = 150;
    /** The targets for a read through the gateway: at most 1.3 × InfluxDB's time, or at most 3 ms more. */
    private static final double READ_TARGET_RATIO = 1.3;

    private static final double READ_TARGET_ADDED_MILLIS = 3;
    /** The sensors a chart shows at most (query-service's max-series-sensors); 1/min for 24 h each. */
    static final int CHARTED = 50;
    /** The sensors GetLatest answers per request (query-service's max-latest-sensors): a client pages. */
    private static final int LATEST_PAGE = 200;
    /** Every sensor beyond the charted ones has a reading every this many minutes for 24 h. */
    private static final int OTHERS_EVERY_MINUTES = 30;

    private final DevServices services;
    private final Options options;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    /** Every sensor written so far, in order: the first {@link #CHARTED} are the charted ones. */
    private final List<SensorRef> sensors = new ArrayList<>();

    private final List<String> verdicts = new ArrayList<>();
    /** The running system's own InfluxDB bucket, known once it runs. */
    private String bucket;

    QueryBench(DevServices services, Options options) {
        this.services = services;
        this.options = options;
    }

    /** A sensor of the bench: its key as JSON for the API and as an InfluxQL condition. */
    private record SensorRef(String device, String sensor) {

        String json() {
            return "{\"deviceId\":\"" + device + "\",\"sensor\":\"" + sensor + "\",\"quantity\":\"temperature\"}";
        }

        String condition() {
            return "(\"device\" = '" + device + "' AND \"sensor\" = '" + sensor + "' AND \"quantity\" = 'temperature')";
        }
    }

    void run() throws Exception {
        System.out.printf(
                "query bench %s: %s sensors (%d per device; %d charted at 1/min for 24 h, the others every %d min),"
                        + " %d requests per row at %d sensors (fewer when larger) after %d warm-up%n",
                run,
                options.sizes(),
                options.sensorsPerDevice(),
                CHARTED,
                OTHERS_EVERY_MINUTES,
                options.requests(),
                options.sizes().get(0),
                options.warmup());
        long started = System.nanoTime();
        // the bench writes readings into the past straight into InfluxDB, where query-service does not hear of them
        // for its roll-ups, so its charts read the raw readings; ./dev/bench rollups measures the roll-ups
        try (RunningSystem system = new RunningSystem(
                "bench", run, Map.of("query-service", Map.of("ch.query.roll-ups.enabled", "false")))) {
            System.out.printf(
                    "%s ready after %.1f s; %s%n",
                    String.join(", ", system.services().keySet()), (System.nanoTime() - started) / 1e9, memory(system));
            bucket = system.influxBucket();
            Gateway gateway = Gateway.signIn(system.gatewayHttp(), system.adminUser(), system.adminPassword());
            for (int size : options.sizes()) {
                grow(size);
                awaitListed(gateway, size);
                reads(gateway, size);
            }
            System.out.println("after the reads: " + memory(system));
            visibility(gateway);
            System.out.println("after the load: " + memory(system));
            System.out.printf("%nagainst the targets:%n");
            verdicts.forEach(verdict -> System.out.println("  " + verdict));
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

    /** Writes sensors up to {@code size}, with their last 24 h, straight into InfluxDB. */
    private void grow(int size) {
        long start = System.nanoTime();
        int points = 0;
        try (Influx influx = new Influx(bucket)) {
            WriteApiBlocking writes = influx.client().getWriteApiBlocking();
            List<String> lines = new ArrayList<>();
            while (sensors.size() < size) {
                int n = sensors.size();
                SensorRef sensor = new SensorRef(
                        "bench-q-" + run + "-d" + (n / options.sensorsPerDevice()),
                        "s" + (n % options.sensorsPerDevice()));
                sensors.add(sensor);
                int every = n < CHARTED ? 1 : OTHERS_EVERY_MINUTES;
                for (int minute = 1; minute <= 24 * 60; minute += every) {
                    lines.add("reading,device=" + sensor.device() + ",location=bench,quantity=temperature,sensor="
                            + sensor.sensor() + ",source=bench,unit=C value=" + (18 + (minute % 120) / 10.0) + " "
                            + now.minus(Duration.ofMinutes(minute)).getEpochSecond());
                }
                if (lines.size() >= 20_000 || sensors.size() == size) {
                    writes.writeRecords(WritePrecision.S, lines);
                    points += lines.size();
                    lines.clear();
                }
            }
        }
        System.out.printf(
                "%n%,d sensors: wrote %,d more readings to InfluxDB in %.1f s%n",
                size, points, (System.nanoTime() - start) / 1e9);
    }

    /**
     * Until the catalogue lists every sensor written: the bench writes straight into InfluxDB, past ingest's stored
     * announcements, so query-service may answer from last values of before the write for a few seconds.
     */
    private static void awaitListed(Gateway gateway, int size) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count(gateway.get("/api/v1/sensors"), "lastValue") < size) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the catalogue did not list all " + size + " sensors within 60 s");
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private void reads(Gateway gateway, int size) {
        String since = "'" + now.minus(Duration.ofDays(30)) + "'";
        List<SensorRef> charted = sensors.subList(0, CHARTED);
        String start = now.minus(Duration.ofDays(1)).toString();
        String end = now.toString();
        int devices = (size + options.sensorsPerDevice() - 1) / options.sensorsPerDevice();
        // the rows whose work grows with the size are asked fewer times when larger; one device's
        // catalogue and the chart of 50 sensors cost the same at every size and get every request
        int requests = Math.max(10, options.requests() * options.sizes().get(0) / size);
        int warmup = Math.max(2, options.warmup() * options.sizes().get(0) / size);
        AtomicInteger next = new AtomicInteger();
        String lastOfEach = "SELECT last(\"value\") FROM \"reading\" WHERE time > " + since;
        String groupBy = " GROUP BY \"device\", \"sensor\", \"quantity\", \"location\", \"unit\", \"source\"";

        System.out.printf(
                "%-46s %12s %12s   %12s %12s   %s%n",
                "",
                "gateway p50",
                "p99",
                "InfluxQL p50",
                "p99",
                requests == options.requests() ? requests + " each" : options.requests() + " or " + requests + " each");
        compare(
                size,
                "catalogue, one device's " + options.sensorsPerDevice() + " sensors",
                options.requests(),
                options.warmup(),
                () -> gateway.get("/api/v1/sensors?filter.deviceId=" + device(next.getAndIncrement() % devices)),
                () -> influxQl(
                        lastOfEach + " AND \"device\" = '" + device(next.getAndIncrement() % devices) + "'" + groupBy),
                response -> count(response, "lastValue") == options.sensorsPerDevice());
        compare(
                size,
                "catalogue, all " + size + " sensors (home page)",
                requests,
                warmup,
                () -> gateway.get("/api/v1/sensors"),
                () -> influxQl(lastOfEach + groupBy),
                response -> count(response, "lastValue") == size);
        List<List<SensorRef>> pages = new ArrayList<>();
        for (int from = 0; from < size; from += LATEST_PAGE) {
            pages.add(sensors.subList(from, Math.min(size, from + LATEST_PAGE)));
        }
        compare(
                size,
                "latest of all " + size + " sensors, " + pages.size() + " × ≤ " + LATEST_PAGE,
                requests,
                warmup,
                () -> pages.stream()
                        .map(page -> gateway.post(
                                "/api/v1/readings:latest",
                                "{\"sensors\":["
                                        + page.stream().map(SensorRef::json).collect(Collectors.joining(",")) + "]}"))
                        .collect(Collectors.joining("\n")),
                () -> pages.stream()
                        .map(page -> influxQl(lastOfEach + " AND ("
                                + page.stream().map(SensorRef::condition).collect(Collectors.joining(" OR ")) + ")"
                                + groupBy))
                        .collect(Collectors.joining("\n")),
                responses ->
                        responses.lines().mapToInt(page -> count(page, "value")).sum() == size);
        String chartedJson = charted.stream().map(SensorRef::json).collect(Collectors.joining(",", "[", "]"));
        compare(
                size,
                "24 h series, 5 min mean, " + CHARTED + " sensors",
                options.requests(),
                warmup,
                () -> gateway.post(
                        "/api/v1/readings:series",
                        "{\"sensors\":" + chartedJson + ",\"start\":\"" + start + "\",\"end\":\"" + end
                                + "\",\"window\":\"300s\",\"aggregate\":\"AGGREGATE_MEAN\"}"),
                () -> influxQl("SELECT mean(\"value\") FROM \"reading\" WHERE time >= '" + start + "' AND time < '"
                        + end + "' AND ("
                        + charted.stream().map(SensorRef::condition).collect(Collectors.joining(" OR "))
                        + ") GROUP BY time(300s), \"device\", \"sensor\", \"quantity\", \"unit\" fill(none)"),
                response -> Mqtt.JSON.readTree(response).get("series").size() == CHARTED);
    }

    private String device(int d) {
        return "bench-q-" + run + "-d" + d;
    }

    private static int count(String json, String field) {
        return Mqtt.JSON.readTree(json).findValues(field).size();
    }

    private String influxQl(String query) {
        return Gateway.getDirect(services.influxDirectUrl() + "/query?db="
                + URLEncoder.encode(bucket, StandardCharsets.UTF_8) + "&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
    }

    /** Warm-up, then the requests one after another, alternating gateway and InfluxDB; the verdict per row. */
    private void compare(
            int size,
            String name,
            int requests,
            int warmup,
            Supplier<String> viaGateway,
            Supplier<String> direct,
            Predicate<String> gatewayAnswerIsComplete) {
        String first = viaGateway.get();
        if (!gatewayAnswerIsComplete.test(first)) {
            throw new IllegalStateException(name + ": the gateway's answer is not the whole data set: "
                    + first.substring(0, Math.min(400, first.length())));
        }
        for (int i = 0; i < warmup; i++) {
            viaGateway.get();
            direct.get();
        }
        List<Long> gatewayTimes = new ArrayList<>();
        List<Long> directTimes = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            gatewayTimes.add(timed(viaGateway));
            directTimes.add(timed(direct));
        }
        gatewayTimes.sort(null);
        directTimes.sort(null);
        double gateway50 = Percentiles.millis(gatewayTimes, 0.50);
        double direct50 = Percentiles.millis(directTimes, 0.50);
        boolean met = gateway50 <= direct50 * READ_TARGET_RATIO || gateway50 - direct50 <= READ_TARGET_ADDED_MILLIS;
        System.out.printf(
                "%-46s %9.1f ms %9.1f ms   %9.1f ms %9.1f ms   %.2f×, +%.1f ms: %s%n",
                name,
                gateway50,
                Percentiles.millis(gatewayTimes, 0.99),
                direct50,
                Percentiles.millis(directTimes, 0.99),
                gateway50 / direct50,
                gateway50 - direct50,
                met ? "met" : "NOT met");
        verdicts.add(String.format(
                "%,d sensors, %s: p50 %.1f vs %.1f ms (%.2f×, +%.1f ms) against ≤ %.1f× or ≤ +%.0f ms: %s",
                size,
                name,
                gateway50,
                direct50,
                gateway50 / direct50,
                gateway50 - direct50,
                READ_TARGET_RATIO,
                READ_TARGET_ADDED_MILLIS,
                met ? "met" : "NOT met"));
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
            verdicts.add(String.format(
                    "publish→visible p99 %.1f ms, %d of %d seen, against p99 ≤ %d ms with every reading seen: %s",
                    p99, latencies.size(), marked, LIVE_TARGET_MILLIS, met ? "met" : "NOT met"));
            System.out.println(verdicts.get(verdicts.size() - 1));
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
