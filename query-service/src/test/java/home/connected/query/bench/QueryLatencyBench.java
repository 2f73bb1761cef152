package home.connected.query.bench;

import static home.connected.query.influx.InfluxQl.equalsCondition;
import static home.connected.query.influx.InfluxQl.time;

import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetLatestRequest;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.ListSensorsRequest;
import home.connected.contracts.query.v1.QueryServiceGrpc;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.query.QueryServiceApplication;
import home.connected.query.TestReadings;
import home.connected.testing.ActuatorProbes;
import home.connected.testing.DevServices;
import home.connected.testing.TestTokenIssuer;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * Latency of the three read RPCs through a real gRPC channel, beside the same InfluxQL sent
 * straight to InfluxDB's {@code /query} over HTTP. Writes its own data set first: 100 sensors, one
 * reading a minute for the last 24 h (144,000 points) under device ids unique to the run.
 *
 * <p>Not a test: run it by hand (see the module's test sources for the command) and read the figures.
 */
public final class QueryLatencyBench {

    private static final int DEVICES = 10;
    private static final int SENSORS_PER_DEVICE = 10;
    private static final int WARMUP = 20;
    private static final int RUNS = 200;

    public static void main(String[] args) throws Exception {
        DevServices services = DevServices.get();
        TestTokenIssuer tokens = new TestTokenIssuer("query-test-key", "tester", "Tester");
        String run = TestReadings.uniqueDevice("bench");
        Instant end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant start = end.minus(Duration.ofHours(24));
        List<SensorKey> keys = writeDataSet(run, start);

        AtomicInteger grpcPort = new AtomicInteger();
        SpringApplication application = new SpringApplication(QueryServiceApplication.class);
        application.addListeners(event -> {
            if (event instanceof GrpcServerStartedEvent started) {
                grpcPort.set(started.getPort());
            }
        });
        application.setDefaultProperties(Map.<String, Object>ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("spring.grpc.server.port", "0"),
                Map.entry("logging.level.root", "WARN"),
                Map.entry("CH_MQTT_URL", services.mqttUrl()),
                Map.entry("CH_MQTT_ADMIN_USER", services.mqttAdminUser()),
                Map.entry("CH_MQTT_ADMIN_PASSWORD", services.mqttAdminPassword()),
                Map.entry("CH_INFLUX_URL", services.influxUrl()),
                Map.entry("CH_INFLUX_TOKEN", services.influxToken()),
                Map.entry("CH_INFLUX_ORG", services.influxOrg()),
                Map.entry("CH_INFLUX_BUCKET", services.influxBucket()),
                Map.entry("CH_AUTH_JWKS_URL", tokens.jwksUrl())));
        try (ConfigurableApplicationContext context = application.run()) {
            Metadata headers = new Metadata();
            headers.put(
                    Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                    "Bearer " + tokens.token("readings:read"));
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort.get())
                    .usePlaintext()
                    .build();
            QueryServiceGrpc.QueryServiceBlockingStub stub = QueryServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            Direct direct = new Direct(services.influxDirectUrl(), services.influxBucket());
            Instant now = Instant.now();
            Instant catalogueFrom = now.minus(Duration.ofDays(30));
            String group = " GROUP BY \"device\", \"sensor\", \"quantity\", \"location\", \"unit\", \"source\"";
            List<SensorKey> fifty = keys.subList(0, 50);
            SensorKey one = keys.get(0);

            int catalogueSize =
                    stub.listSensors(ListSensorsRequest.getDefaultInstance()).getSensorsCount();
            System.out.printf(
                    "data set: %d sensors x 24 h at 1/min (%d points); catalogue holds %d sensors%n",
                    keys.size(), keys.size() * 24 * 60, catalogueSize);
            System.out.printf("%-44s %10s %10s %10s%n", "", "p50 ms", "p99 ms", "mean ms");
            report(
                    "ListSensors (all)",
                    () -> stub.listSensors(ListSensorsRequest.getDefaultInstance()),
                    "  same InfluxQL straight to InfluxDB",
                    () -> direct.query(
                            "SELECT last(\"value\") FROM \"reading\" WHERE time > " + time(catalogueFrom) + group));
            report(
                    "GetLatest (50 sensors)",
                    () -> stub.getLatest(
                            GetLatestRequest.newBuilder().addAllSensors(fifty).build()),
                    "  same InfluxQL straight to InfluxDB",
                    () -> direct.query("SELECT last(\"value\") FROM \"reading\" WHERE time > " + time(catalogueFrom)
                            + " AND " + keysCondition(fifty) + group));
            report(
                    "GetSeries (1 sensor, 24 h, mean per 5 min)",
                    () -> stub.getSeries(GetSeriesRequest.newBuilder()
                            .addSensors(one)
                            .setAggregate(Aggregate.AGGREGATE_MEAN)
                            .setStart(Timestamps.fromMillis(start.toEpochMilli()))
                            .setEnd(Timestamps.fromMillis(end.toEpochMilli()))
                            .setWindow(com.google.protobuf.util.Durations.fromMinutes(5))
                            .build()),
                    "  same InfluxQL straight to InfluxDB",
                    () -> direct.query("SELECT mean(\"value\") FROM \"reading\" WHERE time >= " + time(start)
                            + " AND time < " + time(end) + " AND " + keysCondition(List.of(one))
                            + " GROUP BY time(300000ms), \"device\", \"sensor\", \"quantity\", \"unit\" fill(none)"));
            channel.shutdownNow();
            int httpPort = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
            System.out.println("the service's own timers (/actuator/prometheus):");
            ActuatorProbes.get(httpPort, ActuatorProbes.PROMETHEUS)
                    .body()
                    .lines()
                    .filter(line -> line.startsWith("grpc_server") && line.contains("QueryService"))
                    .forEach(System.out::println);
        }
        // the JWKS server of the token issuer would keep the JVM alive
        System.exit(0);
    }

    private static List<SensorKey> writeDataSet(String run, Instant start) {
        List<SensorKey> keys = new ArrayList<>();
        long began = System.nanoTime();
        try (TestReadings readings = new TestReadings()) {
            for (int d = 0; d < DEVICES; d++) {
                for (int s = 0; s < SENSORS_PER_DEVICE; s++) {
                    String device = run + "-d" + d;
                    String sensor = "s" + s;
                    keys.add(SensorKey.newBuilder()
                            .setDeviceId(device)
                            .setSensor(sensor)
                            .setQuantity("temperature")
                            .build());
                    for (int m = 0; m < 24 * 60; m++) {
                        readings.add(
                                device,
                                sensor,
                                "temperature",
                                "room" + d,
                                "°C",
                                20 + Math.sin(m / 60.0) + s,
                                start.plus(Duration.ofMinutes(m)));
                    }
                    readings.write();
                }
            }
        }
        System.out.printf("wrote the data set in %d ms%n", (System.nanoTime() - began) / 1_000_000);
        return keys;
    }

    private static String keysCondition(List<SensorKey> keys) {
        return keys.stream()
                .map(key -> "(" + equalsCondition("device", key.getDeviceId()) + " AND "
                        + equalsCondition("sensor", key.getSensor()) + " AND "
                        + equalsCondition("quantity", key.getQuantity()) + ")")
                .collect(Collectors.joining(" OR ", "(", ")"));
    }

    private static void report(String name, Callable<?> service, String baselineName, Callable<?> baseline)
            throws Exception {
        print(name, measure(service));
        print(baselineName, measure(baseline));
    }

    private static long[] measure(Callable<?> call) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            call.call();
        }
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long began = System.nanoTime();
            call.call();
            nanos[i] = System.nanoTime() - began;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void print(String name, long[] sorted) {
        System.out.printf(
                "%-44s %10.2f %10.2f %10.2f%n",
                name,
                sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                Arrays.stream(sorted).average().orElse(0) / 1e6);
    }

    /** InfluxQL over plain HTTP to InfluxDB's own port, JSON answer read as bytes. */
    private record Direct(String url, String database) {

        private static final HttpClient HTTP = HttpClient.newHttpClient();

        String query(String influxQl) throws Exception {
            URI uri = URI.create(url + "/query?epoch=ns&db=" + URLEncoder.encode(database, StandardCharsets.UTF_8)
                    + "&q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8));
            HttpResponse<String> response =
                    HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
                throw new IllegalStateException("InfluxDB answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        }
    }
}
