package home.connected.bench;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.GetSeriesResponse;
import home.connected.contracts.query.v1.QueryServiceGrpc;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.contracts.query.v1.Series;
import home.connected.testing.DevServices;
import home.connected.testing.ScratchInflux;
import home.connected.testing.ServiceProcess;
import home.connected.testing.TestTokenIssuer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./dev/bench rollups}: days of synthetic readings for some sensors, written straight into an InfluxDB
 * database of the bench's own; two query-services on it, one computing and reading the roll-ups (it back-fills
 * them first, timed), one reading raw readings only; then the same charts from each in turn, p50 and p99, and
 * whether their answers agree.
 */
final class RollUpBench {

    record Options(int days, int sensors, int everySeconds, int requests, int warmup) {

        static final String USAGE = "[--days N (400)] [--sensors N (20)] [--every SECONDS (120): one reading each]"
                + " [--requests N (20)] [--warmup N (5)]";

        static Options parse(String[] args) {
            int[] values = {400, 20, 120, 20, 5};
            List<String> names = List.of("--days", "--sensors", "--every", "--requests", "--warmup");
            for (int i = 0; i < args.length; i += 2) {
                int index = names.indexOf(args[i]);
                if (index < 0 || i + 1 >= args.length) {
                    throw new IllegalArgumentException("bad option " + args[i] + "; " + USAGE);
                }
                values[index] = Integer.parseInt(args[i + 1]);
            }
            return new Options(values[0], values[1], values[2], values[3], values[4]);
        }
    }

    /** A chart of the bench: its range back from now and its aggregate. */
    private record Chart(String name, Duration range, Aggregate aggregate) {}

    private static final List<Chart> CHARTS = List.of(
            new Chart("1 year, mean (1 d windows)", Duration.ofDays(365), Aggregate.AGGREGATE_MEAN),
            new Chart("1 year, band (1 d windows)", Duration.ofDays(365), Aggregate.AGGREGATE_BAND),
            new Chart("30 days, mean (2 h windows)", Duration.ofDays(30), Aggregate.AGGREGATE_MEAN),
            new Chart("7 days, mean (30 min windows)", Duration.ofDays(7), Aggregate.AGGREGATE_MEAN),
            new Chart("24 h, mean (5 min windows)", Duration.ofDays(1), Aggregate.AGGREGATE_MEAN),
            new Chart("1 hour, mean (10 s windows: raw either way)", Duration.ofHours(1), Aggregate.AGGREGATE_MEAN));
    private static final Pattern LAG = Pattern.compile("query_rollup_lag_seconds\\{[^}]*level=\"1h\"[^}]*\\} (\\S+)");
    private static final Pattern WRITTEN =
            Pattern.compile("query_rollup_windows_written_total\\{[^}]*level=\"(\\w+)\"[^}]*\\} (\\S+)");

    private final DevServices services;
    private final Options options;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final List<SensorKey> sensors = new ArrayList<>();

    RollUpBench(DevServices services, Options options) {
        this.services = services;
        this.options = options;
    }

    void run() throws Exception {
        System.out.printf(
                "roll-ups bench %s: %d sensors, %d days, a reading every %d s; %d requests per chart after %d warm-up%n",
                run, options.sensors(), options.days(), options.everySeconds(), options.requests(), options.warmup());
        ScratchInflux influx = ScratchInflux.create("rollup_bench");
        try (TestTokenIssuer tokens = new TestTokenIssuer("rollup-bench", "bench", "Bench")) {
            write(influx.bucket());
            ServiceProcess rolling = start("rolling", influx.bucket(), tokens, true);
            ServiceProcess raw = start("raw", influx.bucket(), tokens, false);
            try {
                long started = System.nanoTime();
                rolling.awaitReady();
                raw.awaitReady();
                awaitBackFilled(rolling, started);
                compare(rolling, raw, tokens.token("readings:read"));
            } finally {
                rolling.close();
                raw.close();
            }
        } finally {
            influx.drop();
        }
    }

    private void write(String bucket) {
        long start = System.nanoTime();
        long points = 0;
        Instant first = now.minus(Duration.ofDays(options.days()));
        try (Influx influx = new Influx(bucket)) {
            WriteApiBlocking writes = influx.client().getWriteApiBlocking();
            List<String> lines = new ArrayList<>(20_000);
            for (int s = 0; s < options.sensors(); s++) {
                String device = "bench-r-" + run + "-d" + (s / 4);
                String sensor = "s" + (s % 4);
                sensors.add(SensorKey.newBuilder()
                        .setDeviceId(device)
                        .setSensor(sensor)
                        .setQuantity("temperature")
                        .build());
                String key = "reading,device=" + device + ",location=bench,quantity=temperature,sensor=" + sensor
                        + ",source=bench,unit=C value=";
                long i = 0;
                for (Instant time = first; time.isBefore(now); time = time.plusSeconds(options.everySeconds()), i++) {
                    double value = 18 + 4 * Math.sin(i / 360.0) + (i % 7) / 10.0 + s;
                    lines.add(key + value + " " + time.getEpochSecond());
                    if (lines.size() == 20_000) {
                        writes.writeRecords(WritePrecision.S, lines);
                        points += lines.size();
                        lines.clear();
                    }
                }
            }
            if (!lines.isEmpty()) {
                writes.writeRecords(WritePrecision.S, lines);
                points += lines.size();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("wrote %,d readings in %.1f s (%,.0f/s)%n", points, seconds, points / seconds);
    }

    private ServiceProcess start(String name, String bucket, TestTokenIssuer tokens, boolean rollUps) {
        Map<String, String> environment = new HashMap<>(services.environment());
        environment.put("CH_INFLUX_BUCKET", bucket);
        environment.put("CH_AUTH_JWKS_URL", tokens.jwksUrl());
        environment.put("CH_QUERY_MQTT_CLIENT_ID", "bench-rollups-" + name + "-" + run);
        int grpc = ServiceProcess.freePort();
        Map<String, String> properties = new HashMap<>();
        properties.put("spring.grpc.server.port", Integer.toString(grpc));
        properties.put("ch.query.roll-ups.enabled", Boolean.toString(rollUps));
        properties.put("ch.query.roll-ups.interval", "2s");
        ServiceProcess process = ServiceProcess.of("query-service")
                .environment(environment)
                .properties(properties)
                .start();
        grpcPorts.put(process, grpc);
        return process;
    }

    private final Map<ServiceProcess, Integer> grpcPorts = new HashMap<>();

    /** Until the hourly roll-up is less than two hours behind: the back-fill of every day written. */
    private void awaitBackFilled(ServiceProcess rolling, long started) {
        HttpClient http = HttpClient.newHttpClient();
        URI metrics = URI.create("http://127.0.0.1:" + rolling.httpPort() + "/actuator/prometheus");
        AtomicReference<String> body = new AtomicReference<>("");
        await().atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    body.set(http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                            .body());
                    Matcher lag = LAG.matcher(body.get());
                    return lag.find() && !lag.group(1).equals("NaN") && Double.parseDouble(lag.group(1)) < 2 * 3600;
                });
        Matcher written = WRITTEN.matcher(body.get());
        List<String> counts = new ArrayList<>();
        while (written.find()) {
            counts.add(String.format("%,.0f %s windows", Double.parseDouble(written.group(2)), written.group(1)));
        }
        System.out.printf(
                "back-fill of both roll-ups: %.1f s after the start (%s), query-service RSS %s MiB%n",
                (System.nanoTime() - started) / 1e9,
                String.join(", ", counts),
                ProcessMemory.of(rolling.pid())
                        .map(memory -> Long.toString(memory.rssMib()))
                        .orElse("?"));
    }

    private void compare(ServiceProcess rolling, ServiceProcess raw, String token) throws InterruptedException {
        ManagedChannel toRolling = channel(grpcPorts.get(rolling));
        ManagedChannel toRaw = channel(grpcPorts.get(raw));
        try {
            QueryServiceGrpc.QueryServiceBlockingStub rollUps = stub(toRolling, token);
            QueryServiceGrpc.QueryServiceBlockingStub rawOnly = stub(toRaw, token);
            System.out.printf(
                    "%n%-46s %21s %21s  %s%n",
                    "chart of " + sensors.size() + " sensors",
                    "raw p50 / p99 ms",
                    "roll-ups p50 / p99 ms",
                    "same answer");
            for (Chart chart : CHARTS) {
                GetSeriesRequest request = GetSeriesRequest.newBuilder()
                        .addAllSensors(sensors)
                        .setAggregate(chart.aggregate())
                        .setStart(Timestamp.newBuilder()
                                .setSeconds(now.minus(chart.range()).getEpochSecond()))
                        .setEnd(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                        .build();
                for (int i = 0; i < options.warmup(); i++) {
                    rawOnly.getSeries(request);
                    rollUps.getSeries(request);
                }
                List<Long> rawTimes = new ArrayList<>();
                List<Long> rollUpTimes = new ArrayList<>();
                GetSeriesResponse fromRaw = null;
                GetSeriesResponse fromRollUps = null;
                for (int i = 0; i < options.requests(); i++) {
                    long start = System.nanoTime();
                    fromRaw = rawOnly.getSeries(request);
                    rawTimes.add(System.nanoTime() - start);
                    start = System.nanoTime();
                    fromRollUps = rollUps.getSeries(request);
                    rollUpTimes.add(System.nanoTime() - start);
                }
                rawTimes.sort(null);
                rollUpTimes.sort(null);
                System.out.printf(
                        "%-46s %10.1f / %8.1f %10.1f / %8.1f  %s%n",
                        chart.name(),
                        Percentiles.millis(rawTimes, 0.5),
                        Percentiles.millis(rawTimes, 0.99),
                        Percentiles.millis(rollUpTimes, 0.5),
                        Percentiles.millis(rollUpTimes, 0.99),
                        same(fromRaw, fromRollUps));
            }
        } finally {
            toRolling.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            toRaw.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** "yes", or what differs: the points' times exactly, their values to the last bits of a mean. */
    private static String same(GetSeriesResponse raw, GetSeriesResponse rollUps) {
        int points = 0;
        for (int s = 0; s < raw.getSeriesCount(); s++) {
            Series a = raw.getSeries(s);
            Series b = rollUps.getSeries(s);
            if (a.getPointsCount() != b.getPointsCount()) {
                return "no: " + a.getPointsCount() + " vs " + b.getPointsCount() + " points for "
                        + a.getKey().getSensor();
            }
            for (int p = 0; p < a.getPointsCount(); p++) {
                double x = a.getPoints(p).getValue();
                double y = b.getPoints(p).getValue();
                if (!a.getPoints(p).getTime().equals(b.getPoints(p).getTime())
                        || Math.abs(x - y) > 1e-9 * Math.max(1, Math.abs(x))) {
                    return "no: point " + p + " of " + a.getKey().getSensor() + ": " + x + " vs " + y;
                }
            }
            points += a.getPointsCount();
        }
        return "yes (" + points + " points)";
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("127.0.0.1", port)
                .usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024)
                .build();
    }

    private static QueryServiceGrpc.QueryServiceBlockingStub stub(ManagedChannel channel, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return QueryServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(5, TimeUnit.MINUTES);
    }
}
