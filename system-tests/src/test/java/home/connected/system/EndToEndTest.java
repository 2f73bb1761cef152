package home.connected.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import home.connected.contracts.auth.v1.CreateGroupRequest;
import home.connected.contracts.auth.v1.CreateUserRequest;
import home.connected.contracts.auth.v1.Group;
import home.connected.contracts.auth.v1.User;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetLatestRequest;
import home.connected.contracts.query.v1.GetLatestResponse;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.GetSeriesResponse;
import home.connected.contracts.query.v1.ListSensorsRequest;
import home.connected.contracts.query.v1.ListSensorsResponse;
import home.connected.contracts.query.v1.QueryServiceGrpc;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.contracts.query.v1.Sensor;
import home.connected.contracts.query.v1.SensorKey;
import home.connected.testing.RunningSystem;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole path a household sees: a device provisioned through the API publishes over MQTT,
 * ingest stores its readings, and a signed-in user reads them back through the gateway over REST,
 * Server-Sent Events and gRPC.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private RunningSystem system;
    private Rest rest;
    private String adminToken;

    @BeforeAll
    void start() {
        system = new RunningSystem("system-test", UUID.randomUUID().toString().substring(0, 8));
        rest = new Rest(system.gatewayHttp());
        adminToken = login(system.adminUser(), system.adminPassword());
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aSignedInUserReadsWhatADeviceReportedOverRestAndGrpc() throws Exception {
        String device = uniqueDevice();
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        try (DevicePublisher publisher = provision(device)) {
            publisher.publish("{\"location\":\"kitchen\",\"readings\":["
                    + reading("temperature", 20.0, "°C", t0) + ","
                    + reading("temperature", 21.0, "°C", t0.plusSeconds(60)) + ","
                    + reading("temperature", 22.5, "°C", t0.plusSeconds(120)) + ","
                    + reading("humidity", 40.0, "%", t0.plusSeconds(120)) + "]}");
        }

        List<Sensor> sensors = await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> listSensors(device), found -> found.size() == 2);
        Sensor temperature = sensors.stream()
                .filter(s -> s.getKey().getQuantity().equals("temperature"))
                .findFirst()
                .orElseThrow();
        assertThat(temperature.getKey().getSensor()).isEqualTo("bme280");
        assertThat(temperature.getLocation()).isEqualTo("kitchen");
        assertThat(temperature.getUnit()).isEqualTo("°C");
        assertThat(temperature.getLastValue()).isEqualTo(22.5);
        assertThat(temperature.getLastSeen())
                .isEqualTo(Timestamps.fromMillis(t0.plusSeconds(120).toEpochMilli()));

        GetLatestResponse latest = rest.ok(
                        "POST",
                        "/api/v1/readings:latest",
                        adminToken,
                        GetLatestRequest.newBuilder()
                                .addSensors(temperature.getKey())
                                .build(),
                        GetLatestResponse.newBuilder())
                .build();
        assertThat(latest.getReadingsList())
                .singleElement()
                .satisfies(r -> assertThat(r.getValue()).isEqualTo(22.5));

        assertThat(series(temperature.getKey(), t0, Aggregate.AGGREGATE_MEAN)).containsExactly(21.166666666666668);
        assertThat(series(temperature.getKey(), t0, Aggregate.AGGREGATE_MAX)).containsExactly(22.5);
        assertThat(series(temperature.getKey(), t0, Aggregate.AGGREGATE_COUNT)).containsExactly(3.0);

        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", system.gatewayGrpc())
                .usePlaintext()
                .build();
        try {
            ListSensorsRequest byDevice = ListSensorsRequest.newBuilder()
                    .setFilter(ReadingFilter.newBuilder().setDeviceId(device))
                    .build();
            ListSensorsResponse overGrpc = QueryServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(bearer(adminToken))
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .listSensors(byDevice);
            assertThat(overGrpc.getSensorsList()).containsExactlyInAnyOrderElementsOf(sensors);

            assertThatThrownBy(() -> QueryServiceGrpc.newBlockingStub(channel)
                            .withDeadlineAfter(30, TimeUnit.SECONDS)
                            .listSensors(byDevice))
                    .isInstanceOfSatisfying(
                            StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        } finally {
            channel.shutdownNow();
        }
    }

    @Test
    void aLiveReadingArrivesOverServerSentEvents() throws Exception {
        String device = uniqueDevice();
        HttpRequest request = HttpRequest.newBuilder(rest.uri("/api/v1/readings:stream?deviceId=" + device))
                .header("Authorization", "Bearer " + adminToken)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        CompletableFuture<HttpResponse<Stream<String>>> stream =
                rest.client().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> response = stream.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        CompletableFuture<String> firstEvent = CompletableFuture.supplyAsync(() -> response.body()
                .filter(line -> line.startsWith("data:"))
                .findFirst()
                .orElse(""));

        try (DevicePublisher publisher = provision(device)) {
            // The stream subscribes asynchronously behind the gateway; repeat until it has.
            await().atMost(Duration.ofSeconds(30))
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        if (!firstEvent.isDone()) {
                            publisher.publish("{\"readings\":[" + reading("co2", 612.0, "ppm", Instant.now()) + "]}");
                        }
                        return firstEvent.isDone();
                    });
        }
        String event = firstEvent.get(5, TimeUnit.SECONDS);
        assertThat(event).contains(device).contains("co2").contains("612");
        firstEvent.cancel(true);
    }

    @Test
    void readingsNeedAValidTokenWithReadingsRead() throws Exception {
        assertThat(rest.call("GET", "/api/v1/sensors", null, null)).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.body()).contains("\"UNAUTHENTICATED\"").doesNotContain("Exception");
        });
        assertThat(rest.call("GET", "/api/v1/sensors", "not.a.token", null).statusCode())
                .isEqualTo(401);

        String username = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        // A group without readings:read (users without a group land in members, who may read).
        rest.ok(
                "POST",
                "/api/v1/groups",
                adminToken,
                CreateGroupRequest.newBuilder().setName(username).build(),
                Group.newBuilder());
        rest.ok(
                "POST",
                "/api/v1/users",
                adminToken,
                CreateUserRequest.newBuilder()
                        .setUsername(username)
                        .setDisplayName("No Permissions")
                        .setPassword(password)
                        .addGroups(username)
                        .build(),
                User.newBuilder());
        String token = login(username, password);

        assertThat(rest.call("GET", "/api/v1/sensors", token, null)).satisfies(r -> {
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("readings:read");
        });
        assertThat(rest.call("POST", "/api/v1/readings:latest", token, GetLatestRequest.getDefaultInstance())
                        .statusCode())
                .isEqualTo(403);
        assertThat(rest.call("GET", "/api/v1/me", token, null).statusCode()).isEqualTo(200);
    }

    private List<Double> series(SensorKey key, Instant t0, Aggregate aggregate) {
        GetSeriesResponse response = rest.ok(
                        "POST",
                        "/api/v1/readings:series",
                        adminToken,
                        GetSeriesRequest.newBuilder()
                                .addSensors(key)
                                .setStart(Timestamps.fromMillis(t0.toEpochMilli()))
                                .setEnd(Timestamps.fromMillis(
                                        t0.plusSeconds(3600).toEpochMilli()))
                                .setWindow(Durations.fromMinutes(10))
                                .setAggregate(aggregate)
                                .build(),
                        GetSeriesResponse.newBuilder())
                .build();
        return response.getSeries(0).getPointsList().stream()
                .map(point -> point.getValue())
                .toList();
    }

    private List<Sensor> listSensors(String device) {
        return rest.ok(
                        "GET",
                        "/api/v1/sensors?filter.deviceId=" + device,
                        adminToken,
                        null,
                        ListSensorsResponse.newBuilder())
                .getSensorsList();
    }

    private String login(String username, String password) {
        return rest.login(username, password);
    }

    private DevicePublisher provision(String device) throws MqttException {
        return DevicePublisher.provision(rest, adminToken, device);
    }

    private static String reading(String quantity, double value, String unit, Instant time) {
        return DevicePublisher.reading(quantity, value, unit, time);
    }

    private static String uniqueDevice() {
        return "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static io.grpc.ClientInterceptor bearer(String token) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(metadata);
    }
}
