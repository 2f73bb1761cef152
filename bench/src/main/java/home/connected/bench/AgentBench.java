package home.connected.bench;

import home.connected.contracts.Topics;
import home.connected.piagent.buffer.BufferLimits;
import home.connected.piagent.buffer.ReadingLog;
import home.connected.piagent.publish.Reading;
import home.connected.piagent.publish.ReadingJson;
import home.connected.testing.DevServices;
import home.connected.testing.InfluxQlReader;
import home.connected.testing.ScratchInflux;
import home.connected.testing.ServiceProcess;
import home.connected.testing.SysfsFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;

/**
 * {@code ./dev/bench agent}: the Pi agent as packaged (its jar, lib/ and the package's JVM options),
 * with three sensors on simulated hardware (sysfs fixtures of a DS18B20, a DHT22 through IIO and a
 * hwmon value) at one reading every 10 s: its resident memory and CPU, the time from process start
 * to the first reading the broker has; then the replay of a 100,000-reading buffer to the broker and
 * through ingest into InfluxDB.
 */
final class AgentBench {

    record Options(int seconds, int replay, int replayRate) {

        static final String USAGE =
                "[--seconds S (120): the footprint run] [--replay N (100000)] [--replay-rate MESSAGES_PER_SECOND (20)]";

        static Options parse(String[] args) {
            int[] values = {120, 100_000, 20};
            List<String> names = List.of("--seconds", "--replay", "--replay-rate");
            for (int i = 0; i < args.length; i += 2) {
                int index = names.indexOf(args[i]);
                if (index < 0 || i + 1 >= args.length) {
                    throw new IllegalArgumentException("bad option " + args[i] + "; " + USAGE);
                }
                values[index] = Integer.parseInt(args[i + 1]);
            }
            return new Options(values[0], values[1], values[2]);
        }
    }

    private static final long RSS_TARGET_MIB = 64;
    private static final Pattern JAVA_OPTS = Pattern.compile("^JAVA_OPTS=\"([^\"]*)\"", Pattern.MULTILINE);

    private final DevServices services;
    private final Options options;
    private final Path root;
    private final Path work;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    AgentBench(DevServices services, Options options) {
        this.services = services;
        this.options = options;
        this.root = DevServices.repoRoot(System.getenv());
        this.work = root.resolve("bench/target/agent-bench-" + run);
    }

    void run() throws Exception {
        String device = "bench-agent-" + run;
        String password = UUID.randomUUID().toString();
        Mqtt.createPublisher(services, device, password, List.of(Topics.deviceTree(device)));
        try {
            footprint(device, password);
            replay(device, password);
        } finally {
            Mqtt.deletePublisher(services, device);
        }
    }

    private void footprint(String device, String password) throws Exception {
        Path config = config(device, password, 10, options.replayRate());
        AtomicLong firstArrival = new AtomicLong();
        MqttAsyncClient watcher = Mqtt.connect(
                services.mqttUrl(), services.mqttAdminUser(), services.mqttAdminPassword(), (topic, message) -> {
                    firstArrival.compareAndSet(0, System.nanoTime());
                });
        watcher.subscribe(Topics.readings(device), 1).waitForCompletion(10_000);
        long started = System.nanoTime();
        Process agent = startAgent(config, "footprint");
        try {
            waitUntil(() -> firstArrival.get() != 0, Duration.ofSeconds(60), "the agent's first reading");
            double firstSeconds = (firstArrival.get() - started) / 1e9;
            double cpuAtStart = ProcessCpu.cpuSeconds(Path.of("/proc", Long.toString(agent.pid())));
            long steadyStart = System.nanoTime();
            long maxRss = 0;
            List<Long> samples = new ArrayList<>();
            while (System.nanoTime() - steadyStart < TimeUnit.SECONDS.toNanos(options.seconds())) {
                TimeUnit.SECONDS.sleep(1);
                ProcessMemory memory = ProcessMemory.of(agent.pid()).orElseThrow();
                samples.add(memory.rssMib());
                maxRss = Math.max(maxRss, memory.rssMib());
            }
            double cpu = ProcessCpu.cpuSeconds(Path.of("/proc", Long.toString(agent.pid()))) - cpuAtStart;
            double elapsed = (System.nanoTime() - steadyStart) / 1e9;
            ProcessMemory last = ProcessMemory.of(agent.pid()).orElseThrow();
            System.out.printf(
                    "agent footprint: 3 sensors every 10 s, %d s, JVM options %s%n", options.seconds(), javaOptions());
            System.out.printf(
                    "  RSS now %d MiB, highest sampled %d MiB, peak (VmHWM) %d MiB — target ≤ %d MiB: %s%n",
                    last.rssMib(),
                    maxRss,
                    last.peakMib(),
                    RSS_TARGET_MIB,
                    last.peakMib() <= RSS_TARGET_MIB ? "PASS" : "FAIL");
            System.out.printf("  CPU %.2f s in %.0f s = %.2f %% of one core%n", cpu, elapsed, 100 * cpu / elapsed);
            System.out.printf("  process start → first reading at the broker: %.2f s%n", firstSeconds);
        } finally {
            agent.destroy();
            agent.waitFor(15, TimeUnit.SECONDS);
            Mqtt.close(watcher);
        }
    }

    private void replay(String device, String password) throws Exception {
        ScratchInflux influx = ScratchInflux.create("agent_bench");
        ServiceProcess ingest = startIngest(influx);
        Path config = config(device, password, 3600, options.replayRate());
        Path buffer = work.resolve("buffer");
        deleteTree(buffer);
        Instant first = Instant.now().minus(Duration.ofDays(6));
        try (ReadingLog log = ReadingLog.open(buffer, BufferLimits.defaults(), Clock.systemUTC())) {
            List<byte[]> records = new ArrayList<>(1_000);
            for (int i = 0; i < options.replay(); i++) {
                records.add(ReadingJson.object(new Reading(
                        "replay", "temperature", 20 + (i % 100) / 10.0, "°C", null, first.plusSeconds(5L * i))));
                if (records.size() == 1_000) {
                    log.append(records);
                    records = new ArrayList<>(1_000);
                }
            }
            log.append(records);
        }
        AtomicLong arrived = new AtomicLong();
        MqttAsyncClient watcher = Mqtt.connect(
                services.mqttUrl(), services.mqttAdminUser(), services.mqttAdminPassword(), (topic, message) -> {
                    arrived.addAndGet(count(message.getPayload()));
                });
        watcher.subscribe(Topics.readings(device), 1).waitForCompletion(10_000);
        try (InfluxQlReader stored = InfluxQlReader.ofDevServices(influx.bucket())) {
            long started = System.nanoTime();
            Process agent = startAgent(config, "replay");
            try {
                Duration limit = Duration.ofSeconds(60 + options.replay() / (50L * options.replayRate()));
                waitUntil(() -> arrived.get() >= options.replay(), limit, "the replay at the broker");
                double atBroker = (System.nanoTime() - started) / 1e9;
                waitUntil(
                        () -> stored.countReadings("device = '" + device + "' AND sensor = 'replay'")
                                >= options.replay(),
                        Duration.ofSeconds(120),
                        "the replay in InfluxDB");
                double inInflux = (System.nanoTime() - started) / 1e9;
                System.out.printf(
                        "agent replay: %,d readings buffered, replay-rate %d messages/s of up to %d readings%n",
                        options.replay(), options.replayRate(), 100);
                System.out.printf(
                        "  at the broker after %.1f s (%,.0f readings/s), in InfluxDB through ingest after %.1f s (%,.0f readings/s); %,d arrived (resends count)%n",
                        atBroker, options.replay() / atBroker, inInflux, options.replay() / inInflux, arrived.get());
            } finally {
                agent.destroy();
                agent.waitFor(15, TimeUnit.SECONDS);
            }
        } finally {
            Mqtt.close(watcher);
            ingest.close();
            influx.drop();
        }
    }

    private ServiceProcess startIngest(ScratchInflux influx) {
        String user = "bench-agent-ingest-" + run;
        Map<String, String> environment = new HashMap<>(services.environment());
        environment.put("CH_INFLUX_BUCKET", influx.bucket());
        environment.put("CH_INGEST_MQTT_PROVISION", "true");
        environment.put("CH_INGEST_MQTT_USER", user);
        environment.put("CH_INGEST_MQTT_PASSWORD", UUID.randomUUID().toString());
        environment.put("CH_INGEST_MQTT_CLIENT_ID", user);
        environment.put("CH_INGEST_MQTT_SESSION_EXPIRY", "5m");
        environment.put("CH_INGEST_MQTT_SHARE_GROUP", user);
        ServiceProcess ingest = ServiceProcess.of("ingest-service")
                .environment(environment)
                .log(work.resolve("ingest-service.log"))
                .start();
        ingest.awaitReady();
        return ingest;
    }

    private Process startAgent(Path config, String name) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions());
        command.add("-jar");
        command.add(root.resolve("pi-agent/target/connected-home-agent.jar").toString());
        command.add("--config");
        command.add(config.toString());
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("agent-" + name + ".log").toFile())
                .start();
    }

    /** The JVM options the package starts the agent with. */
    private List<String> javaOptions() throws IOException {
        String defaults = Files.readString(root.resolve("pi-agent/src/deb/connected-home-agent.default"));
        Matcher matcher = JAVA_OPTS.matcher(defaults);
        if (!matcher.find()) {
            throw new IllegalStateException("no JAVA_OPTS=\"...\" line in the package's defaults file");
        }
        return List.of(matcher.group(1).trim().split("\\s+"));
    }

    private Path config(String device, String password, int interval, int replayRate) throws IOException {
        Path sys = work.resolve("sys");
        SysfsFixtures.ds18b20(sys.resolve("bus/w1/devices"), "28-0316a2795bff", 23125);
        SysfsFixtures.dht22(sys.resolve("bus/iio/devices"), "iio:device0", 22300, 45100);
        SysfsFixtures.value(sys, "class/hwmon/hwmon0/temp1_input", 48000);
        return Files.writeString(work.resolve("agent.yml"), """
                device-id: %1$s
                broker:
                  url: %2$s
                  password: %3$s
                buffer:
                  directory: %4$s/buffer
                  replay-rate: %6$d
                clock:
                  require-sync: false
                sysfs:
                  w1: %4$s/sys/bus/w1/devices
                  iio: %4$s/sys/bus/iio/devices
                  root: %4$s/sys
                sensors:
                  - type: ds18b20
                    name: freezer
                    interval: %5$ds
                  - type: dht22
                    name: bathroom
                    interval: %5$ds
                  - type: sysfs
                    name: board
                    path: class/hwmon/hwmon0/temp1_input
                    quantity: temperature
                    unit: °C
                    scale: 0.001
                    interval: %5$ds
                """.formatted(
                        device, services.mqttUrl(), password, work, interval, replayRate));
    }

    private static long count(byte[] payload) {
        long readings = 0;
        String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        for (int at = text.indexOf("\"sensor\""); at >= 0; at = text.indexOf("\"sensor\"", at + 1)) {
            readings++;
        }
        return readings;
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, Duration limit, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not happen within " + limit);
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
