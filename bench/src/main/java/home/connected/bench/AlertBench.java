package home.connected.bench;

import home.connected.contracts.Topics;
import home.connected.testing.DevServices;
import home.connected.testing.RunningSystem;
import home.connected.testing.ServiceProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import tools.jackson.databind.JsonNode;

/**
 * Alerts end to end through the running system (auth, ingest, query, alert and gateway from their jars):
 * (a) publish → webhook latency of threshold alerts under background load, (d) the same alert as a
 * Node-RED flow beside it, (b) evaluation throughput with many rules beside ingest's, (c) alert-service's
 * memory after that. Prints figures; asserts nothing.
 */
final class AlertBench {

    record Options(
            int alerts,
            int warmUpAlerts,
            int alertRate,
            int sensors,
            int loadRate,
            int maxPerMinute,
            int rules,
            int burst,
            int burstWarmUp,
            int burstPublishers,
            int burstLimitSeconds,
            boolean nodeRed,
            Path nodeRedHome) {

        static final String USAGE = "[--alerts N (500)] [--warm-up-alerts N (50)] [--alert-rate PER_SECOND (10)]"
                + " [--sensors N (50)] [--load-rate READINGS_PER_SECOND (1000)] [--max-per-minute N (600)]"
                + " [--rules N (1000)] [--burst READINGS (200000)] [--burst-warm-up READINGS (20000)]"
                + " [--burst-publishers N (4)] [--burst-limit-seconds S (180)] [--node-red yes|no (yes)]"
                + " [--node-red-dir PATH (target/node-red)]";

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("--alerts", "500");
            values.put("--warm-up-alerts", "50");
            values.put("--alert-rate", "10");
            values.put("--sensors", "50");
            values.put("--load-rate", "1000");
            values.put("--max-per-minute", "600");
            values.put("--rules", "1000");
            values.put("--burst", "200000");
            values.put("--burst-warm-up", "20000");
            values.put("--burst-publishers", "4");
            values.put("--burst-limit-seconds", "180");
            values.put("--node-red", "yes");
            values.put(
                    "--node-red-dir",
                    Path.of(System.getenv().getOrDefault("CH_REPO_ROOT", ""))
                            .toAbsolutePath()
                            .resolve("target/node-red")
                            .toString());
            for (int i = 0; i < args.length; i += 2) {
                if (!values.containsKey(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("bad option " + args[i] + "; " + USAGE);
                }
                values.put(args[i], args[i + 1]);
            }
            String nodeRed = values.get("--node-red");
            if (!nodeRed.equals("yes") && !nodeRed.equals("no")) {
                throw new IllegalArgumentException("--node-red is yes or no; " + USAGE);
            }
            Options options = new Options(
                    number(values, "--alerts"),
                    number(values, "--warm-up-alerts"),
                    number(values, "--alert-rate"),
                    number(values, "--sensors"),
                    number(values, "--load-rate"),
                    number(values, "--max-per-minute"),
                    number(values, "--rules"),
                    number(values, "--burst"),
                    number(values, "--burst-warm-up"),
                    number(values, "--burst-publishers"),
                    number(values, "--burst-limit-seconds"),
                    nodeRed.equals("yes"),
                    Path.of(values.get("--node-red-dir")).toAbsolutePath());
            if (options.sensors() < 1 || options.alertRate() < 1 || options.burstPublishers() < 1) {
                throw new IllegalArgumentException("--sensors, --alert-rate and --burst-publishers are at least 1");
            }
            return options;
        }

        private static int number(Map<String, String> values, String name) {
            try {
                int value = Integer.parseInt(values.get(name));
                if (value < 0) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " takes a whole number ≥ 0, not " + values.get(name));
            }
        }
    }

    private static final String HOOK = "/hook";
    private static final String NODE_RED_HOOK = "/node-red";
    private static final int BURST_DEVICES = 100;
    private static final int BURST_SENSORS = 10;
    private static final int LOCATIONS = 10;

    private final DevServices services;
    private final Options options;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "bench-a-" + run + "-";
    private final String publisherUser = prefix + "pub";
    private final String publisherPassword = UUID.randomUUID().toString();
    private final String nodeRedUser = prefix + "node-red";
    private final String nodeRedPassword = UUID.randomUUID().toString();

    AlertBench(DevServices services, Options options) {
        this.services = services;
        this.options = options;
    }

    void run() throws Exception {
        System.out.printf(
                "alerts bench %s: %d alerts (after %d warm-up) at %d/s over %d sensors, %,d readings/s background"
                        + " load; then %d rules and a burst of %,d readings%n",
                run,
                options.alerts(),
                options.warmUpAlerts(),
                options.alertRate(),
                options.sensors(),
                options.loadRate(),
                options.rules(),
                options.burst());
        String nodeRedVersion = options.nodeRed() ? NodeRed.install(options.nodeRedHome()) : null;
        Mqtt.createPublisher(services, publisherUser, publisherPassword, List.of(Topics.ALL_DEVICES));
        if (options.nodeRed()) {
            Mqtt.createSubscriber(services, nodeRedUser, nodeRedPassword, List.of(Topics.ALL_READINGS));
        }
        long started = System.nanoTime();
        Publishers alertPublisher = null;
        Publishers loadPublisher = null;
        try (WebhookReceiver receiver = new WebhookReceiver();
                RunningSystem system = new RunningSystem("bench", run)) {
            System.out.printf(
                    "%s ready after %.1f s; %s%n",
                    String.join(", ", system.services().keySet()), (System.nanoTime() - started) / 1e9, memory(system));
            ServiceMeasurements alert =
                    new ServiceMeasurements(system.services().get("alert-service"));
            ServiceMeasurements ingest =
                    new ServiceMeasurements(system.services().get("ingest-service"));
            Gateway gateway = Gateway.signIn(system.gatewayHttp(), system.adminUser(), system.adminPassword());
            alertPublisher = new Publishers(services.mqttUrl(), publisherUser, publisherPassword, 1);
            loadPublisher = new Publishers(services.mqttUrl(), publisherUser, publisherPassword, 1);

            List<String> channels = createChannels(gateway, receiver.url(HOOK));
            String channel = channels.get(0);
            List<String> latencyRules = createLatencyRules(gateway, channels);
            awaitRules(alert, latencyRules.size());

            AlertEpisodes ours = new AlertEpisodes(alertPublisher, prefix + "alert", HOOK, options.sensors());
            AlertEpisodes.Result oursResult;
            String oursLoad;
            receiver.listener(ours::received);
            MqttAsyncClient storedWatcher = watchStored(prefix + "alert", ours);
            try (BackgroundLoad load = new BackgroundLoad(loadPublisher, prefix + "load", options.loadRate())) {
                System.out.printf("%n(a) publish → webhook through ingest, InfluxDB and alert-service%n");
                load.start(phaseLimitSeconds());
                TimeUnit.SECONDS.sleep(2);
                ours.run(options.warmUpAlerts(), options.alertRate(), false);
                oursResult = ours.run(options.alerts(), options.alertRate(), true);
                oursLoad = load.stop();
            } finally {
                ours.close();
                Mqtt.close(storedWatcher);
            }
            System.out.println("  " + oursLoad);
            System.out.println("  " + oursResult.summary("alert-service"));
            System.out.println("  " + oursResult.split());
            System.out.printf(
                    "  alert-service: evaluation delay %s; notifications sent %.0f, failed %.0f%n",
                    delay(alert), alert.prometheus("alert_notifications_sent_total"), failed(alert));

            AlertEpisodes.Result peerResult = null;
            if (options.nodeRed()) {
                peerResult = nodeRed(nodeRedVersion, receiver, alertPublisher, loadPublisher);
            }
            printComparison(oursResult, peerResult, nodeRedVersion);

            for (String rule : latencyRules) {
                gateway.delete("/api/v1/alert-rules/" + rule);
            }
            throughput(gateway, alert, ingest, channel, system);
            ProcessMemory.of(system.services().get("alert-service").pid())
                    .ifPresentOrElse(
                            m -> System.out.printf(
                                    "%n(c) alert-service after (b): RSS %d MiB (peak %d MiB), JVM options"
                                            + " alert-service/jvm.options%n",
                                    m.rssMib(), m.peakMib()),
                            () -> System.out.printf("%n(c) alert-service RSS: unknown%n"));
            System.out.println("all services at the end: " + memory(system));
        } finally {
            if (alertPublisher != null) {
                alertPublisher.close();
            }
            if (loadPublisher != null) {
                loadPublisher.close();
            }
            Mqtt.deletePublisher(services, publisherUser);
            if (options.nodeRed()) {
                Mqtt.deletePublisher(services, nodeRedUser);
            }
        }
    }

    /** The device's stored announcements (as the admin), each firing value's arrival handed to {@code episodes}. */
    private MqttAsyncClient watchStored(String device, AlertEpisodes episodes) throws Exception {
        return Mqtt.watchStored(
                services,
                device,
                (reading, arrived) -> episodes.stored(
                        reading.path("sensor").asString(""),
                        reading.path("value").asDouble(),
                        arrived));
    }

    /** Each phase's background load stops on its own at the latest after this long. */
    private int phaseLimitSeconds() {
        return 60 + 2 * (options.alerts() + options.warmUpAlerts()) / options.alertRate();
    }

    /**
     * Webhook channels to the receiver, as many as the alert rate needs under each channel's rate limit (a
     * firing and a resolved notification per alert, with a quarter to spare).
     */
    private List<String> createChannels(Gateway gateway, String url) {
        int needed = (int) Math.ceil(options.alertRate() * 2 * 60 * 1.25 / Math.max(1, options.maxPerMinute()));
        List<String> ids = new ArrayList<>();
        for (int c = 0; c < Math.max(1, needed); c++) {
            JsonNode channel = Mqtt.JSON.readTree(gateway.post(
                    "/api/v1/alert-channels",
                    Mqtt.JSON.writeValueAsString(Map.of(
                            "name", "bench " + run + " " + c,
                            "webhook", Map.of("url", url),
                            "maxPerMinute", options.maxPerMinute()))));
            ids.add(channel.get("id").asString());
        }
        System.out.printf(
                "created %d webhook channel(s) to %s, at most %d notifications a minute each%n",
                ids.size(), url, options.maxPerMinute());
        return ids;
    }

    /** One rule per sensor of the alert device: above 30 with hysteresis 1, firing at once; channels in turn. */
    private List<String> createLatencyRules(Gateway gateway, List<String> channels) {
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < options.sensors(); s++) {
            ids.add(createRule(
                    gateway,
                    "hot " + AlertEpisodes.sensor(s),
                    Map.of("deviceId", prefix + "alert", "sensor", AlertEpisodes.sensor(s), "quantity", "temperature"),
                    "COMPARISON_ABOVE",
                    AlertEpisodes.THRESHOLD,
                    channels.get(s % channels.size())));
        }
        System.out.printf("created %d threshold rules on the sensors of %s%n", ids.size(), prefix + "alert");
        return ids;
    }

    private static String createRule(
            Gateway gateway,
            String name,
            Map<String, String> selector,
            String comparison,
            double threshold,
            String channel) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", name);
        rule.put("enabled", true);
        rule.put("selector", selector);
        rule.put(
                "threshold",
                Map.of("comparison", comparison, "value", threshold, "hysteresis", AlertEpisodes.HYSTERESIS));
        rule.put("severity", "SEVERITY_WARNING");
        rule.put("channelIds", List.of(channel));
        return Mqtt.JSON
                .readTree(gateway.post("/api/v1/alert-rules", Mqtt.JSON.writeValueAsString(rule)))
                .get("id")
                .asString();
    }

    /** Waits (at most a minute) until the leader evaluates {@code count} rules. */
    private static void awaitRules(ServiceMeasurements alert, int count) throws InterruptedException {
        long start = System.nanoTime();
        double rules = Double.NaN;
        while (System.nanoTime() - start < TimeUnit.MINUTES.toNanos(1)) {
            rules = alert.prometheus("alert_rules");
            if (rules == count && alert.prometheus("alert_leader") == 1) {
                System.out.printf(
                        "alert-service leads and evaluates %d rules (after %.1f s)%n",
                        count, (System.nanoTime() - start) / 1e9);
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new IllegalStateException("alert-service evaluates " + rules + " rules, not " + count + ", after 1 min");
    }

    private static String delay(ServiceMeasurements alert) {
        return String.format(
                "p50 %.1f ms, p99 %.1f ms (announcement arrival → evaluated)",
                alert.prometheus("alert_evaluation_delay_seconds", "quantile=\"0.5\"") * 1000,
                alert.prometheus("alert_evaluation_delay_seconds", "quantile=\"0.99\"") * 1000);
    }

    private static double failed(ServiceMeasurements alert) {
        double failed = alert.prometheus("alert_notifications_failed_total");
        return Double.isNaN(failed) ? 0 : failed;
    }

    /** (d): the same episodes against a Node-RED flow on the raw readings, under the same background load. */
    private AlertEpisodes.Result nodeRed(
            String version, WebhookReceiver receiver, Publishers alertPublisher, Publishers loadPublisher)
            throws Exception {
        System.out.printf(
                "%n(d) the peer: Node-RED %s, mqtt in on %s (the raw readings: it has no ingest in front) →"
                        + " function (threshold %.0f, hysteresis %.0f, per sensor) → http request POST to the same"
                        + " receiver%n",
                version, Topics.ALL_READINGS, AlertEpisodes.THRESHOLD, AlertEpisodes.HYSTERESIS);
        String device = prefix + "node-red";
        AlertEpisodes peer = new AlertEpisodes(alertPublisher, device, NODE_RED_HOOK, options.sensors());
        receiver.listener(peer::received);
        long started = System.nanoTime();
        try (NodeRed nodeRed = NodeRed.start(
                        options.nodeRedHome(),
                        ServiceProcess.freePort(),
                        services.mqttUrl(),
                        nodeRedUser,
                        nodeRedPassword,
                        Topics.ALL_READINGS,
                        device,
                        options.sensors(),
                        receiver.url(NODE_RED_HOOK));
                BackgroundLoad load = new BackgroundLoad(loadPublisher, prefix + "load", options.loadRate())) {
            awaitFirstAlert(peer, nodeRed::isAlive, nodeRed.toString());
            System.out.printf(
                    "  Node-RED (pid %d) alerting after %.1f s, log %s%n",
                    nodeRed.pid(), (System.nanoTime() - started) / 1e9, nodeRed.log());
            load.start(phaseLimitSeconds());
            TimeUnit.SECONDS.sleep(2);
            peer.run(options.warmUpAlerts(), options.alertRate(), false);
            AlertEpisodes.Result result = peer.run(options.alerts(), options.alertRate(), true);
            String loadFigures = load.stop();
            String memory = ProcessMemory.of(nodeRed.pid())
                    .map(m -> m.rssMib() + " MiB")
                    .orElse("unknown");
            System.out.println("  " + loadFigures);
            System.out.println("  " + result.summary("Node-RED") + "; Node-RED RSS " + memory);
            return result;
        } finally {
            peer.close();
            receiver.listener(alert -> {});
        }
    }

    /** One episode at a time until one fires (Node-RED subscribes asynchronously after its start), at most 90 s. */
    private static void awaitFirstAlert(AlertEpisodes episodes, BooleanSupplier alive, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException("it exited: " + what);
            }
            if (!episodes.run(1, 1, true).firing().isEmpty()) {
                return;
            }
        }
        throw new IllegalStateException("no alert within 90 s from " + what);
    }

    private void printComparison(AlertEpisodes.Result ours, AlertEpisodes.Result peer, String version) {
        System.out.printf(
                "%npublish → webhook received, %d threshold alerts at %d/s under %,d readings/s background load"
                        + " (target for alert-service: p99 ≤ 100 ms)%n",
                options.alerts(), options.alertRate(), options.loadRate());
        System.out.printf("%-58s %9s %9s %9s %10s%n", "", "p50", "p99", "max", "received");
        row("alert-service (ingest → InfluxDB → stored → rule)", ours);
        if (peer != null) {
            row("Node-RED " + version + " (raw readings topic, no ingest)", peer);
        }
        System.out.printf(
                "alert-service p99 %.1f ms against the target of 100 ms: %s%n",
                Percentiles.millis(ours.firing(), 0.99),
                Percentiles.millis(ours.firing(), 0.99) <= 100 ? "met" : "NOT met");
    }

    private static void row(String name, AlertEpisodes.Result result) {
        System.out.printf(
                "%-58s %6.1f ms %6.1f ms %6.1f ms %5d/%d%n",
                name,
                Percentiles.millis(result.firing(), 0.50),
                Percentiles.millis(result.firing(), 0.99),
                Percentiles.millis(result.firing(), 1.0),
                result.firing().size(),
                result.started());
    }

    /**
     * (b): {@code rules} threshold rules over a mix of selectors, none firing, then readings as fast as ingest
     * takes them; readings/s ingest stored beside readings/s alert-service evaluated.
     */
    private void throughput(
            Gateway gateway,
            ServiceMeasurements alert,
            ServiceMeasurements ingest,
            String channel,
            RunningSystem system)
            throws Exception {
        System.out.printf(
                "%n(b) evaluation throughput: %d rules, a burst of %,d readings (%d devices × %d sensors, %d per"
                        + " message) as fast as ingest takes them%n",
                options.rules(), options.burst(), BURST_DEVICES, BURST_SENSORS, BURST_SENSORS);
        long start = System.nanoTime();
        Map<String, Integer> kinds = new LinkedHashMap<>();
        for (int i = 0; i < options.rules(); i++) {
            int kind = i % 100;
            Map<String, String> selector;
            String name;
            if (kind < 55) {
                name = "device and sensor";
                selector = Map.of(
                        "deviceId",
                        burstDevice(i % BURST_DEVICES),
                        "sensor",
                        "s" + (i / BURST_DEVICES) % BURST_SENSORS,
                        "quantity",
                        "temperature");
            } else if (kind < 85) {
                name = "device";
                selector = Map.of("deviceId", burstDevice(i % BURST_DEVICES));
            } else if (kind < 95) {
                name = "sensor and quantity";
                selector = Map.of("sensor", "s" + i % BURST_SENSORS, "quantity", "temperature");
            } else if (kind < 99) {
                name = "location";
                selector = Map.of("location", location(i % LOCATIONS));
            } else {
                name = "quantity";
                selector = Map.of("quantity", "temperature");
            }
            kinds.merge(name, 1, Integer::sum);
            boolean above = i % 2 == 0;
            createRule(
                    gateway,
                    "never " + i,
                    selector,
                    above ? "COMPARISON_ABOVE" : "COMPARISON_BELOW",
                    above ? 1_000 : -1_000,
                    channel);
        }
        System.out.printf(
                "  created %d rules in %.1f s, selectors by %s%n",
                options.rules(), (System.nanoTime() - start) / 1e9, kinds);
        awaitRules(alert, options.rules());

        Publishers publishers =
                new Publishers(services.mqttUrl(), publisherUser, publisherPassword, options.burstPublishers());
        try {
            if (options.burstWarmUp() > 0) {
                Burst warm = burst(publishers, alert, ingest, options.burstWarmUp());
                System.out.printf(
                        "  warm-up, not counted: %,d readings; ingest %,.0f readings/s, alert-service %,.0f readings/s%n",
                        options.burstWarmUp(), warm.ingestPerSecond(), warm.alertPerSecond());
            }
            System.out.printf("  (waited %.0f s for an idle machine)%n", QuietMachine.await());
            Burst result = burst(publishers, alert, ingest, options.burst());
            System.out.printf(
                    "  ingest-service stored   %,9d readings, %5.1f → %5.1f s after the burst began: %,9.0f readings/s"
                            + "  (CPU %.1f s)%n",
                    result.stored(),
                    result.storedFrom(),
                    result.storedTo(),
                    result.ingestPerSecond(),
                    result.ingestCpu());
            System.out.printf(
                    "  alert-service evaluated %,9d readings, %5.1f → %5.1f s after the burst began: %,9.0f readings/s"
                            + "  (CPU %.1f s; %,d of them read back from InfluxDB after a gap)%n",
                    result.evaluated(),
                    result.evaluatedFrom(),
                    result.evaluatedTo(),
                    result.alertPerSecond(),
                    result.alertCpu(),
                    result.caughtUp());
            System.out.printf(
                    "  ratio evaluated/s ÷ stored/s: %.2f (target ≥ 1: it never lags ingest); alert-service done %.2f s"
                            + " after ingest's last write; evaluation queue at most %.0f announcements, lag at most"
                            + " %.3f s; %s%n",
                    result.alertPerSecond() / result.ingestPerSecond(),
                    result.tailSeconds(),
                    result.maxQueue(),
                    result.maxLag(),
                    result.evaluated() >= result.stored()
                            ? "every stored reading evaluated"
                            : "NOT every stored reading evaluated (" + (result.stored() - result.evaluated())
                                    + " short)");
            System.out.printf(
                    "  series tracked: %.0f; rule × reading evaluations so far: %.0f%n",
                    alert.prometheus("alert_series"), alert.prometheus("alert_evaluations"));
        } finally {
            publishers.close();
        }
    }

    private String burstDevice(int d) {
        return prefix + "t" + d;
    }

    private static String location(int l) {
        return "bench-room-" + l;
    }

    /**
     * What one burst measured, times in seconds from the burst's start. Each rate counts over its counter's
     * own active window: from the last sample (every 100 ms) it had not moved yet to the one it reached its
     * last value; the tail is how long after ingest's last write alert-service got there.
     */
    private record Burst(
            long stored,
            double storedFrom,
            double storedTo,
            long evaluated,
            double evaluatedFrom,
            double evaluatedTo,
            long caughtUp,
            double maxQueue,
            double maxLag,
            double ingestCpu,
            double alertCpu) {

        double ingestPerSecond() {
            return stored / (storedTo - storedFrom);
        }

        double alertPerSecond() {
            return evaluated / (evaluatedTo - evaluatedFrom);
        }

        double tailSeconds() {
            return evaluatedTo - storedTo;
        }
    }

    private Burst burst(Publishers publishers, ServiceMeasurements alert, ServiceMeasurements ingest, int readings)
            throws Exception {
        int messages = readings / BURST_SENSORS;
        long expected = (long) messages * BURST_SENSORS;
        double storedBefore = ingest.metric("ingest.written", "COUNT");
        double evaluatedBefore = alert.prometheus("alert_readings_evaluated_total");
        double caughtUpBefore = alert.prometheus("alert_readings_caught_up_total");
        double ingestCpuBefore = ingest.cpuSeconds();
        double alertCpuBefore = alert.cpuSeconds();
        AtomicBoolean overTime = new AtomicBoolean();
        AtomicLong published = new AtomicLong();
        long start = System.nanoTime();
        Thread publishing = new Thread(
                () -> {
                    try {
                        published.set(publishers.publish(
                                messages,
                                i -> new Publishers.Message(
                                        Topics.readings(burstDevice(i % BURST_DEVICES)), burstPayload(i)),
                                overTime::get));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "burst");
        publishing.start();
        long stored = 0;
        long evaluated = 0;
        long storedAt = start;
        long evaluatedAt = start;
        long storedFrom = start;
        long evaluatedFrom = start;
        double maxQueue = 0;
        double maxLag = 0;
        long limit = TimeUnit.SECONDS.toNanos(options.burstLimitSeconds());
        // a slow evaluator moves in steps (its checkpoints): stalled only when nothing moves and nothing waits
        long stall = TimeUnit.SECONDS.toNanos(30);
        while (true) {
            TimeUnit.MILLISECONDS.sleep(100);
            long now = System.nanoTime();
            long s = (long) (ingest.metric("ingest.written", "COUNT") - storedBefore);
            long e = (long) (alert.prometheus("alert_readings_evaluated_total") - evaluatedBefore);
            double queue = alert.prometheus("alert_evaluation_queue");
            maxQueue = Math.max(maxQueue, queue);
            maxLag = Math.max(maxLag, alert.prometheus("alert_evaluation_lag_seconds"));
            if (s == 0) {
                storedFrom = now;
            }
            if (e == 0) {
                evaluatedFrom = now;
            }
            if (s != stored) {
                stored = s;
                storedAt = now;
            }
            if (e != evaluated) {
                evaluated = e;
                evaluatedAt = now;
            }
            boolean done = stored >= expected && evaluated >= stored;
            boolean stalled = now - Math.max(storedAt, evaluatedAt) > stall && !(queue > 0);
            if (stalled && !done) {
                System.out.printf(
                        "  (stopped waiting: nothing moved for %d s and nothing waited for evaluation)%n",
                        TimeUnit.NANOSECONDS.toSeconds(stall));
            }
            if (done || stalled) {
                break;
            }
            if (now - start > limit) {
                overTime.set(true);
                System.out.printf(
                        "  (burst stopped at the %d s limit: figures cover what happened by then)%n",
                        options.burstLimitSeconds());
                break;
            }
        }
        publishing.join();
        if (published.get() < messages) {
            System.out.printf("  (the broker acknowledged %,d of %,d messages)%n", published.get(), messages);
        }
        return new Burst(
                stored,
                (storedFrom - start) / 1e9,
                (storedAt - start) / 1e9,
                evaluated,
                (evaluatedFrom - start) / 1e9,
                (evaluatedAt - start) / 1e9,
                (long) (alert.prometheus("alert_readings_caught_up_total") - caughtUpBefore),
                maxQueue,
                maxLag,
                ingest.cpuSeconds() - ingestCpuBefore,
                alert.cpuSeconds() - alertCpuBefore);
    }

    /** Ten readings of one device, well inside every threshold, at the time of publishing. */
    private byte[] burstPayload(int message) {
        int device = message % BURST_DEVICES;
        StringBuilder json = new StringBuilder(1200)
                .append("{\"location\":\"")
                .append(location(device % LOCATIONS))
                .append("\",\"readings\":[");
        String ts = Instant.now().toString();
        for (int s = 0; s < BURST_SENSORS; s++) {
            json.append(s == 0 ? "" : ",")
                    .append("{\"sensor\":\"s")
                    .append(s)
                    .append("\",\"quantity\":\"temperature\",\"value\":")
                    .append(10 + (message / BURST_DEVICES + s) % 20)
                    .append(",\"unit\":\"°C\",\"ts\":\"")
                    .append(ts)
                    .append("\"}");
        }
        return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
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
}
