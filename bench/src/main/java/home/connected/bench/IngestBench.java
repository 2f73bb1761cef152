package home.connected.bench;

import home.connected.contracts.Topics;
import home.connected.testing.DevServices;
import home.connected.testing.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import tools.jackson.databind.JsonNode;

/**
 * Ingest throughput and latency: the same readings through ingest-service and through the bare
 * baseline, for 1 and 50 readings per message, then single readings at a light rate.
 */
final class IngestBench {

    record Options(
            int readings,
            int publishers,
            int latencyRate,
            int latencySeconds,
            int[] perMessage,
            int warmUpReadings,
            Path ingestJar,
            List<String> ingestJavaOptions,
            Duration stallTimeout,
            Duration runLimit) {

        static final String USAGE = "--ingest-jar PATH [--readings N (1000000)] [--publishers N (4)]"
                + " [--latency-rate PER_SECOND (100)] [--latency-seconds S (10)] [--per-message N,N (1,50)]"
                + " [--warm-up-readings N (200000)]"
                + " [--run-limit-seconds S (120)] [--java-opts \"...\"]";

        static Options parse(String[] args) {
            int readings = 1_000_000;
            int publishers = 4;
            int latencyRate = 100;
            int latencySeconds = 10;
            int runLimit = 120;
            int[] perMessage = {1, 50};
            int warmUpReadings = 200_000;
            Path jar = null;
            List<String> javaOptions = List.of();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--readings" -> readings = Integer.parseInt(value);
                    case "--publishers" -> publishers = Integer.parseInt(value);
                    case "--latency-rate" -> latencyRate = Integer.parseInt(value);
                    case "--latency-seconds" -> latencySeconds = Integer.parseInt(value);
                    case "--per-message" ->
                        perMessage = Arrays.stream(value.split(","))
                                .mapToInt(Integer::parseInt)
                                .toArray();
                    case "--run-limit-seconds" -> runLimit = Integer.parseInt(value);
                    case "--warm-up-readings" -> warmUpReadings = Integer.parseInt(value);
                    case "--ingest-jar" -> jar = Path.of(value);
                    case "--java-opts" ->
                        javaOptions = value.isBlank()
                                ? List.of()
                                : Arrays.asList(value.trim().split("\\s+"));
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
                }
                i++;
            }
            if (jar == null) {
                throw new IllegalArgumentException("--ingest-jar is required; " + USAGE);
            }
            return new Options(
                    readings,
                    publishers,
                    latencyRate,
                    latencySeconds,
                    perMessage,
                    warmUpReadings,
                    jar,
                    javaOptions,
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(runLimit));
        }
    }

    /** @param cpuSeconds CPU used by the pipeline under test meanwhile (ingest process, or baseline threads) */
    private record Result(long published, long stored, double seconds, double cpuSeconds, String otherCpu) {

        Result storedIs(long count) {
            return new Result(published, count, seconds, cpuSeconds, otherCpu);
        }

        double cpuMicrosPerReading() {
            return cpuSeconds * 1e6 / stored;
        }

        double perSecond() {
            return stored / seconds;
        }
    }

    private final DevServices services;
    private final Options options;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String ingestUser = "bench-ingest-" + run;
    private final String ingestPassword = UUID.randomUUID().toString();
    private final Instant base = Instant.now().minus(Duration.ofDays(1));

    IngestBench(DevServices services, Options options) {
        this.services = services;
        this.options = options;
    }

    void run() throws Exception {
        String publisherUser = "bench-pub-" + run;
        String publisherPassword = UUID.randomUUID().toString();
        Mqtt.createPublisher(
                services, publisherUser, publisherPassword, List.of(Topics.ALL_DEVICES, "bench/" + run + "/#"));
        System.out.printf(
                "ingest bench %s: %,d readings per run, %d publishers, ingest JVM options %s%n",
                run, options.readings(), options.publishers(), options.ingestJavaOptions());
        long stale = Mqtt.disconnectedSessions(services);
        if (stale > 0) {
            System.out.printf(
                    "warning: the broker holds %d persistent session(s) with nobody connected (a stopped ./dev/run's"
                            + " ingest-service, tests of the last minutes); those subscribed to device topics collect a"
                            + " copy of every bench message and slow the broker down%n",
                    stale);
        }
        try (Influx influx = new Influx();
                ServiceProcess process = startIngest()) {
            ServiceMeasurements ingest = new ServiceMeasurements(process);
            Publishers publishers =
                    new Publishers(services.mqttUrl(), publisherUser, publisherPassword, options.publishers());
            try {
                // First, while nothing else runs: after the bursts InfluxDB is busy compacting for a while.
                latency(influx, publishers);
                warmUp(ingest, influx, publishers);
                for (int perMessage : options.perMessage()) {
                    Result viaIngest = throughIngest(ingest, influx, publishers, perMessage, options.readings(), "");
                    String memory = ingest.memory();
                    Result viaBaseline = throughBaseline(influx, publishers, perMessage, options.readings(), "");
                    print(perMessage, viaIngest, viaBaseline, memory);
                    System.out.printf(
                            "  ingest batches so far: %.0f, mean %.0f readings, mean write %.1f ms%n",
                            ingest.metric("ingest.batch.size", "COUNT"),
                            ingest.metric("ingest.batch.size", "TOTAL") / ingest.metric("ingest.batch.size", "COUNT"),
                            ingest.metric("ingest.write", "TOTAL_TIME")
                                    * 1000
                                    / ingest.metric("ingest.write", "COUNT"));
                }
                System.out.println("ingest-service at the end: " + ingest.memory());
            } finally {
                publishers.close();
            }
        } finally {
            // ingest's persistent session would otherwise collect every reading published for a while
            Mqtt.endSession(services.mqttUrl(), ingestUser + "-0", ingestUser, ingestPassword);
            Mqtt.deletePublisher(services, publisherUser);
        }
    }

    /** ingest-service as configured by default, with a broker client and session of its own. */
    private ServiceProcess startIngest() {
        Map<String, String> environment = Map.of(
                "CH_INGEST_MQTT_USER",
                ingestUser,
                "CH_INGEST_MQTT_PASSWORD",
                ingestPassword,
                "CH_INGEST_MQTT_PROVISION",
                "true",
                "CH_INGEST_MQTT_CLIENT_ID",
                ingestUser,
                "CH_INGEST_MQTT_SESSION_EXPIRY",
                "10m");
        Path log = Path.of("bench", "target", "ingest-service-" + run + ".log");
        ServiceProcess ingest = ServiceProcess.of("ingest-service")
                .jar(options.ingestJar())
                .javaOptions(options.ingestJavaOptions())
                .environment(environment)
                .log(log)
                .start();
        long started = System.nanoTime();
        try {
            ingest.awaitReady();
        } catch (RuntimeException e) {
            close(ingest);
            throw e;
        }
        System.out.printf(
                "ingest-service (pid %d) ready after %.1f s, log %s%n",
                ingest.pid(), (System.nanoTime() - started) / 1e9, log);
        return ingest;
    }

    private static void close(ServiceProcess process) {
        try {
            process.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Result throughIngest(
            ServiceMeasurements ingest,
            Influx influx,
            Publishers publishers,
            int perMessage,
            int readings,
            String phase)
            throws Exception {
        awaitQuiet();
        String prefix = "bench-" + run + "-" + phase + "i" + perMessage + "-";
        double before = ingest.metric("ingest.written", "COUNT");
        Result result = measure(
                publishers,
                perMessage,
                readings,
                device -> Topics.readings(device),
                prefix,
                () -> (long) (ingest.metric("ingest.written", "COUNT") - before),
                ingest::cpuSeconds);
        return result.storedIs(influx.countDevicesStartingWith(prefix));
    }

    private Result throughBaseline(Influx influx, Publishers publishers, int perMessage, int readings, String phase)
            throws Exception {
        awaitQuiet();
        String prefix = "bench-" + run + "-" + phase + "b" + perMessage + "-";
        try (BaselineSubscriber baseline = new BaselineSubscriber(services, influx, "bench/" + run + "/#")) {
            Result result = measure(
                    publishers,
                    perMessage,
                    readings,
                    device -> "bench/" + run + "/" + device,
                    prefix,
                    baseline::written,
                    BaselineSubscriber::cpuSeconds);
            return result.storedIs(influx.countDevicesStartingWith(prefix));
        }
    }

    /**
     * Both pipelines once through a smaller run of each size, not counted: a service runs warm, and
     * the JIT would otherwise spend the first half of the runs compiling (seen in a perf profile).
     */
    private void warmUp(ServiceMeasurements ingest, Influx influx, Publishers publishers) throws Exception {
        if (options.warmUpReadings() <= 0) {
            return;
        }
        System.out.printf("%nwarm-up, not counted: %,d readings per size through each%n", options.warmUpReadings());
        for (int perMessage : options.perMessage()) {
            Result viaIngest = throughIngest(ingest, influx, publishers, perMessage, options.warmUpReadings(), "w");
            Result viaBaseline = throughBaseline(influx, publishers, perMessage, options.warmUpReadings(), "w");
            System.out.printf(
                    "  %d per message: ingest-service %,.0f readings/s, baseline %,.0f readings/s%n",
                    perMessage, viaIngest.perSecond(), viaBaseline.perSecond());
        }
    }

    private static void awaitQuiet() throws InterruptedException {
        System.out.printf("  (waited %.0f s for an idle machine)%n", QuietMachine.await());
    }

    /** Publishes the readings and waits until {@code written} reaches them or stops moving. */
    private Result measure(
            Publishers publishers,
            int perMessage,
            int readings,
            java.util.function.Function<String, String> topicOfDevice,
            String devicePrefix,
            LongSupplier written,
            java.util.function.DoubleSupplier cpuSeconds)
            throws Exception {
        int messages = readings / perMessage;
        long expected = (long) messages * perMessage;
        AtomicLong published = new AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean overTime = new java.util.concurrent.atomic.AtomicBoolean();
        double cpuBefore = cpuSeconds.getAsDouble();
        Map<String, Double> othersBefore = ProcessCpu.snapshot();
        long start = System.nanoTime();
        Thread publishing = new Thread(() -> {
            try {
                published.set(publishers.publish(
                        messages,
                        i -> {
                            String device = devicePrefix + (i % 100);
                            return new Publishers.Message(
                                    topicOfDevice.apply(device), payload((long) i * perMessage, perMessage));
                        },
                        overTime::get));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        publishing.start();
        long last = -1;
        long lastChange = System.nanoTime();
        long end;
        while (true) {
            long now = written.getAsLong();
            end = System.nanoTime();
            if (now >= expected) {
                break;
            }
            if (now != last) {
                last = now;
                lastChange = end;
            } else if (end - lastChange > options.stallTimeout().toNanos()) {
                end = lastChange;
                break;
            }
            if (end - start > options.runLimit().toNanos()) {
                overTime.set(true);
                break;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        double cpu = cpuSeconds.getAsDouble() - cpuBefore;
        String others = ProcessCpu.between(othersBefore, ProcessCpu.snapshot());
        publishing.join();
        if (overTime.get()) {
            System.out.printf(
                    "  (run stopped at the %d s limit: figures cover what was stored by then)%n",
                    options.runLimit().toSeconds());
        }
        return new Result(published.get() * perMessage, written.getAsLong(), (end - start) / 1e9, cpu, others);
    }

    /** Our JSON: readings numbered from {@code first}, each with its own microsecond timestamp. */
    private byte[] payload(long first, int count) {
        StringBuilder json = new StringBuilder(64 + count * 110).append("{\"readings\":[");
        for (long n = first; n < first + count; n++) {
            if (n > first) {
                json.append(',');
            }
            json.append("{\"sensor\":\"bench\",\"quantity\":\"temperature\",\"value\":")
                    .append(n % 1000 / 10.0)
                    .append(",\"unit\":\"°C\",\"ts\":\"")
                    .append(base.plusNanos(n * 1_000))
                    .append("\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private void print(int perMessage, Result ingest, Result baseline, String memory) {
        System.out.printf("%n%d reading(s) per message, %,d readings%n", perMessage, options.readings());
        System.out.printf(
                "  ingest-service: %,10.0f readings/s  (%.1f s, CPU %.1f s = %.1f µs/reading)  published %,d"
                        + "  stored %,d  lost %,d  %s%n",
                ingest.perSecond(),
                ingest.seconds(),
                ingest.cpuSeconds(),
                ingest.cpuMicrosPerReading(),
                ingest.published(),
                ingest.stored(),
                ingest.published() - ingest.stored(),
                memory);
        System.out.printf(
                "  baseline:       %,10.0f readings/s  (%.1f s, CPU %.1f s = %.1f µs/reading)  published %,d"
                        + "  stored %,d  lost %,d%n",
                baseline.perSecond(),
                baseline.seconds(),
                baseline.cpuSeconds(),
                baseline.cpuMicrosPerReading(),
                baseline.published(),
                baseline.stored(),
                baseline.published() - baseline.stored());
        System.out.printf("  ratio ingest/baseline: %.2f%n", ingest.perSecond() / baseline.perSecond());
        System.out.printf("  CPU of the rest during the ingest run: %s%n", ingest.otherCpu());
        System.out.printf("  CPU of the rest during the baseline run: %s%n", baseline.otherCpu());
    }

    /**
     * Single readings at a light rate; each one's publish→stored time. "Stored" is when ingest's
     * announcement of it arrives: ingest sends that right after InfluxDB acknowledged the write, so
     * it bounds the stored time from above without loading InfluxDB with polls. At the end InfluxDB
     * is asked whether every reading is really there. The first {@link #WARM_UP_SECONDS} at the same
     * rate are not counted: the JIT is still at work.
     */
    private void latency(Influx influx, Publishers publishers) throws Exception {
        latency(influx, publishers, "bench-" + run + "-warm", WARM_UP_SECONDS, false);
        latency(influx, publishers, "bench-" + run + "-lat", options.latencySeconds(), true);
    }

    private static final int WARM_UP_SECONDS = 3;

    private void latency(Influx influx, Publishers publishers, String device, int seconds, boolean print)
            throws Exception {
        int count = options.latencyRate() * seconds;
        long[] sent = new long[count];
        long[] arrived = new long[count];
        Arrays.fill(arrived, -1);
        AtomicLong seen = new AtomicLong();
        MqttAsyncClient watcher = Mqtt.connect(
                services.mqttUrl(), services.mqttAdminUser(), services.mqttAdminPassword(), (topic, message) -> {
                    long now = System.nanoTime();
                    for (JsonNode reading :
                            Mqtt.JSON.readTree(message.getPayload()).path("readings")) {
                        int n = (int) reading.path("value").asDouble();
                        if (n >= 0 && n < count && arrived[n] < 0) {
                            arrived[n] = now;
                            seen.incrementAndGet();
                        }
                    }
                });
        try {
            watcher.subscribe(Topics.stored(device), 0).waitForCompletion(10_000);
            long interval = TimeUnit.SECONDS.toNanos(1) / options.latencyRate();
            long next = System.nanoTime();
            for (int n = 0; n < count; n++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                sent[n] = System.nanoTime();
                publishers.publishOne(new Publishers.Message(Topics.readings(device), single(n)));
                next += interval;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (seen.get() < count && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } finally {
            Mqtt.close(watcher);
        }
        if (!print) {
            return;
        }
        List<Long> measured = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            if (arrived[n] >= 0) {
                measured.add(arrived[n] - sent[n]);
            }
        }
        measured.sort(null);
        System.out.printf(
                "%nlatency publish→stored, single readings at %d/s for %d s: %d of %d announced as stored"
                        + " (%d in InfluxDB), p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                options.latencyRate(),
                seconds,
                measured.size(),
                count,
                influx.countDevicesStartingWith(device),
                Percentiles.millis(measured, 0.50),
                Percentiles.millis(measured, 0.99),
                Percentiles.millis(measured, 1.0));
    }

    private byte[] single(int n) {
        return ("{\"readings\":[{\"sensor\":\"bench\",\"quantity\":\"temperature\",\"value\":" + n
                        + ",\"unit\":\"°C\",\"ts\":\"" + Instant.now() + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
    }
}
