package home.connected.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import com.google.protobuf.util.Timestamps;
import home.connected.contracts.query.v1.Aggregate;
import home.connected.contracts.query.v1.GetSeriesRequest;
import home.connected.contracts.query.v1.ListSensorsRequest;
import home.connected.contracts.query.v1.ListSensorsResponse;
import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.ReadingFilter;
import home.connected.contracts.query.v1.Sensor;
import home.connected.contracts.query.v1.SensorKey;
import io.grpc.Status;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayRestTest extends GatewayTestSupport {

    private static final String READER = "readings:read";

    @Test
    void queryParametersReachTheRequestAndTheResponseIsProtoJson() throws Exception {
        BACKEND.answer(
                "ListSensors",
                ListSensorsResponse.newBuilder()
                        .addSensors(Sensor.newBuilder()
                                .setKey(SensorKey.newBuilder()
                                        .setDeviceId("pi-1")
                                        .setSensor("bme280")
                                        .setQuantity("temperature"))
                                .setLocation("kitchen")
                                .setLastValue(21.5)
                                .setLastSeen(Timestamps.parse("2026-11-26T10:00:00Z")))
                        .build());

        HttpResponse<String> response = send(
                "GET",
                "/api/v1/sensors?filter.quantity=temperature&filter.location=living%20room",
                TOKENS.token(READER),
                null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonObject sensor = json(response).getAsJsonArray("sensors").get(0).getAsJsonObject();
        assertThat(sensor.getAsJsonObject("key").get("deviceId").getAsString()).isEqualTo("pi-1");
        assertThat(sensor.get("lastValue").getAsDouble()).isEqualTo(21.5);
        assertThat(sensor.get("lastSeen").getAsString()).isEqualTo("2026-11-26T10:00:00Z");
        assertThat(sensor.get("unit").getAsString())
                .as("fields left at their default are still printed")
                .isEmpty();

        ListSensorsRequest received =
                ListSensorsRequest.parseFrom(BACKEND.nextCall().request().toByteArray());
        assertThat(received.getFilter())
                .isEqualTo(ReadingFilter.newBuilder()
                        .setQuantity("temperature")
                        .setLocation("living room")
                        .build());
    }

    @Test
    void jsonBodyReachesTheRequest() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/readings:series", TOKENS.token(READER), """
                {"sensors":[{"deviceId":"pi-1","sensor":"bme280","quantity":"humidity"}],
                 "start":"2026-11-25T00:00:00Z","end":"2026-11-26T00:00:00Z",
                 "window":"300s","aggregate":"AGGREGATE_MEAN","maxPoints":288}
                """);

        assertThat(response.statusCode()).isEqualTo(200);
        GetSeriesRequest received =
                GetSeriesRequest.parseFrom(BACKEND.nextCall().request().toByteArray());
        assertThat(received.getSensors(0).getQuantity()).isEqualTo("humidity");
        assertThat(received.getStart()).isEqualTo(Timestamps.parse("2026-11-25T00:00:00Z"));
        assertThat(received.getWindow().getSeconds()).isEqualTo(300);
        assertThat(received.getAggregate()).isEqualTo(Aggregate.AGGREGATE_MEAN);
        assertThat(received.getMaxPoints()).isEqualTo(288);
    }

    @Test
    void badRequestsGetJsonErrorsAndNeverReachABackend() {
        String token = TOKENS.token(READER);
        for (String body : List.of("{\"colour\":\"red\"}", "{\"sensors\":", "[]", "{\"maxPoints\":\"many\"}")) {
            HttpResponse<String> response = send("POST", "/api/v1/readings:series", token, body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(error(response).get("status").getAsString()).isEqualTo("INVALID_ARGUMENT");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        HttpResponse<String> unknownParameter = send("GET", "/api/v1/sensors?colour=red", token, null);
        assertThat(unknownParameter.statusCode()).isEqualTo(400);
        assertThat(error(unknownParameter).get("message").getAsString()).contains("colour");

        HttpResponse<String> tooLarge =
                send("POST", "/api/v1/readings:latest", token, "{\"sensors\":[" + "{},".repeat(100_000) + "{}]}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        error(tooLarge);

        assertThat(BACKEND.callSoFar()).isNull();
    }

    @Test
    void unknownApiPathsAre404AndWrongMethods405() {
        HttpResponse<String> unknown = send("GET", "/api/v1/nothing-here", TOKENS.token(READER), null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(error(unknown).get("status").getAsString()).isEqualTo("NOT_FOUND");
        assertThat(send("GET", "/api/v2/sensors", null, null).statusCode()).isEqualTo(404);

        HttpResponse<String> wrongMethod = send("DELETE", "/api/v1/sensors", TOKENS.token(READER), null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Allow")).contains("GET");
        error(wrongMethod);
    }

    @Test
    void backendStatusesBecomeHttpStatusesWithTheBackendsMessage() {
        String token = TOKENS.token("alerts:read", "alerts:manage");
        BACKEND.failWith("GetRule", Status.NOT_FOUND.withDescription("there is no alert rule r-9"));
        BACKEND.failWith("CreateRule", Status.ALREADY_EXISTS.withDescription("a rule named hot exists"));
        BACKEND.failWith("ListRules", Status.UNAVAILABLE.withDescription("database down"));
        BACKEND.failWith("ListChannels", Status.INTERNAL.withDescription("NullPointerException in Foo"));

        HttpResponse<String> notFound = send("GET", "/api/v1/alert-rules/r-9", token, null);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(error(notFound).get("message").getAsString()).isEqualTo("there is no alert rule r-9");

        HttpResponse<String> exists = send("POST", "/api/v1/alert-rules", token, "{\"name\":\"hot\"}");
        assertThat(exists.statusCode()).isEqualTo(409);
        assertThat(error(exists).get("status").getAsString()).isEqualTo("ALREADY_EXISTS");

        HttpResponse<String> unavailable = send("GET", "/api/v1/alert-rules", token, null);
        assertThat(unavailable.statusCode()).isEqualTo(503);
        error(unavailable);

        HttpResponse<String> internal = send("GET", "/api/v1/alert-channels", token, null);
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(internal.body()).doesNotContain("NullPointerException");
    }

    @Test
    void liveReadingsArriveAsServerSentEventsAndLeavingCancelsTheStream() throws Exception {
        BACKEND.stream(List.of(reading("pi-1", 20.5), reading("pi-2", 19.0)));
        int cancelledBefore = BACKEND.cancelledStreams();

        HttpResponse<InputStream> response = open("/api/v1/readings:stream?quantity=temperature", TOKENS.token(READER));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
        List<String> data = new ArrayList<>();
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while (data.size() < 2 && (line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    data.add(line.substring("data:".length()));
                }
            }
        }
        assertThat(data).hasSize(2);
        assertThat(data.get(0)).contains("\"deviceId\":\"pi-1\"").contains("\"value\":20.5");
        assertThat(data.get(1)).contains("\"deviceId\":\"pi-2\"");
        FakeBackend.Call call = BACKEND.nextCall();
        assertThat(ReadingFilter.parseFrom(call.request().toByteArray()).getQuantity())
                .isEqualTo("temperature");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(BACKEND.cancelledStreams())
                        .as("the gRPC stream ends when the browser goes away")
                        .isGreaterThan(cancelledBefore));
    }

    @Test
    void theStreamRefusesCallersLikeEveryRoute() throws Exception {
        HttpResponse<InputStream> response = open("/api/v1/readings:stream", null);
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).contains("UNAUTHENTICATED");
        }
    }

    @Test
    void nonApiPublicPathsNeedNoToken() {
        HttpResponse<String> index = send("GET", "/", null, null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("Connected Home");
        assertThat(send("GET", "/index.html", null, null).statusCode()).isEqualTo(200);

        HttpResponse<String> openApi = send("GET", "/api/openapi.json", null, null);
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(json(openApi).get("openapi").getAsString()).startsWith("3.");

        HttpResponse<String> jwks = send("GET", "/.well-known/jwks.json", null, null);
        assertThat(jwks.statusCode()).isEqualTo(200);
        assertThat(json(jwks)
                        .getAsJsonArray("keys")
                        .get(0)
                        .getAsJsonObject()
                        .get("kid")
                        .getAsString())
                .isEqualTo(TOKENS.keyId());

        assertThat(send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
    }

    private static Reading reading(String device, double value) {
        return Reading.newBuilder()
                .setKey(SensorKey.newBuilder()
                        .setDeviceId(device)
                        .setSensor("ds18b20")
                        .setQuantity("temperature"))
                .setValue(value)
                .setTime(Timestamps.fromMillis(1_764_150_000_000L))
                .build();
    }
}
