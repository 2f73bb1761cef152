package home.connected.system.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import home.connected.system.Rest;
import home.connected.testing.ActuatorProbes;
import home.connected.testing.RunningSystem;
import home.connected.testing.ServiceProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One REST request followed across services by its trace id: the gateway continues the caller's
 * {@code traceparent} or starts a trace, names it in {@code X-Trace-Id}, and the backend it calls writes its
 * log lines for the call under the same id. Every service logs one JSON object a line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogsAndTracesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String REQUEST_LOG = "logging.level.home.connected.gateway.tracing.ApiRequestLog";
    private static final String CALL_LOG = "logging.level.home.connected.tracing.GrpcCallLog";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunningSystem system;
    private Rest rest;
    private String adminToken;

    @BeforeAll
    void start() {
        system = new RunningSystem(
                "logs-test",
                UUID.randomUUID().toString().substring(0, 8),
                Map.of(
                        "gateway-service", Map.of(REQUEST_LOG, "debug"),
                        "auth-service", Map.of(CALL_LOG, "debug"),
                        "query-service", Map.of(CALL_LOG, "debug")));
        rest = new Rest(system.gatewayHttp());
        adminToken = rest.login(system.adminUser(), system.adminPassword());
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void theCallersTraceIsContinuedByTheGatewayAndTheBackendItCalls() throws Exception {
        String traceId = randomHex(16);
        String callerSpanId = randomHex(8);

        HttpResponse<String> response = send(HttpRequest.newBuilder(rest.uri("/api/v1/sensors"))
                .header("Authorization", "Bearer " + adminToken)
                .header("traceparent", "00-" + traceId + "-" + callerSpanId + "-01")
                .GET());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Trace-Id")).contains(traceId);
        JsonObject gatewayLine = awaitLine("gateway-service", traceId, "GET /api/v1/sensors 200");
        JsonObject queryLine = awaitLine("query-service", traceId, "QueryService/ListSensors OK");
        String backendSpanId = JsonLogLines.field(queryLine, "spanId").orElseThrow();
        assertThat(backendSpanId)
                .matches("[0-9a-f]{16}")
                .isNotEqualTo(callerSpanId)
                .isNotEqualTo(JsonLogLines.field(gatewayLine, "spanId").orElseThrow());
    }

    @Test
    void aLiveStreamIsOneTraceToo() throws Exception {
        String traceId = randomHex(16);
        HttpResponse<InputStream> response = rest.client()
                .send(
                        HttpRequest.newBuilder(rest.uri("/api/v1/readings:stream?deviceId=logs-test-device"))
                                .header("Authorization", "Bearer " + adminToken)
                                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream events = response.body()) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Trace-Id")).contains(traceId);
            assertThat(events.read()).as("the opening comment").isEqualTo(':');
            // query-service has the call (Spring gRPC's observation counts it active) before the reader leaves
            int query = system.services().get("query-service").httpPort();
            await().atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> ActuatorProbes.get(query, ActuatorProbes.PROMETHEUS)
                            .body()
                            .lines()
                            .anyMatch(line -> line.startsWith("grpc_server_active_seconds_count{")
                                    && line.contains("rpc_method=\"StreamReadings\"")
                                    && Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) > 0));
        }

        // the reader left: the gateway ends the stream and the backend call
        awaitLine("gateway-service", traceId, "GET /api/v1/readings:stream");
        awaitLine("query-service", traceId, "QueryService/StreamReadings CANCELLED");
    }

    @Test
    void aRequestWithoutTraceparentIsGivenATraceThatTheAnswerNames() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(rest.uri("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + system.adminUser() + "\",\"password\":\""
                        + system.adminPassword() + "\"}")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
        assertThat(traceId).matches("[0-9a-f]{32}").isNotEqualTo("0".repeat(32));
        awaitLine("gateway-service", traceId, "POST /api/v1/auth/login 200");
        awaitLine("auth-service", traceId, "AuthService/Login OK");
    }

    @Test
    void aRefusedRequestNamesItsTraceToo() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(rest.uri("/api/v1/sensors"))
                .header("Authorization", "Bearer not-a-token")
                .GET());

        assertThat(response.statusCode()).isEqualTo(401);
        String traceId = response.headers().firstValue("X-Trace-Id").orElseThrow();
        awaitLine("gateway-service", traceId, "GET /api/v1/sensors 401");
    }

    @Test
    void everyLineOfEveryServiceIsOneJsonObjectNamingTheService() {
        assertThat(system.services())
                .containsKeys("auth-service", "ingest-service", "query-service", "alert-service", "gateway-service");
        system.services().forEach((module, service) -> {
            List<JsonObject> lines = JsonLogLines.of(service.log());
            assertThat(lines).as(module).isNotEmpty();
            for (JsonObject line : lines) {
                assertThat(JsonLogLines.field(line, "@timestamp"))
                        .as(line.toString())
                        .isPresent();
                assertThat(JsonLogLines.field(line, "log.level"))
                        .as(line.toString())
                        .isPresent();
                assertThat(JsonLogLines.field(line, "message"))
                        .as(line.toString())
                        .isPresent();
                assertThat(JsonLogLines.field(line, "service.name"))
                        .as(line.toString())
                        .contains(module);
            }
        });
    }

    @Test
    void withoutAnEndpointNoSpanExporterIsBuilt() throws Exception {
        // CH_OTLP_ENDPOINT is not set here: spans are made (the trace ids above) and sent nowhere
        String classes = loadedClasses(system.services().get("gateway-service"));

        assertThat(classes).contains("io.opentelemetry.sdk.trace.SdkTracerProvider");
        assertThat(classes)
                .doesNotContain("io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder")
                .doesNotContain("io.opentelemetry.exporter.sender")
                .doesNotContain("io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor");
    }

    private static String loadedClasses(ServiceProcess service) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(service.pid()),
                        "VM.class_hierarchy")
                .redirectErrorStream(true)
                .start();
        String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor()).as(out).isZero();
        return out;
    }

    /** The first line of the module's log with the trace id whose message contains the text. */
    private JsonObject awaitLine(String module, String traceId, String text) {
        ServiceProcess service = system.services().get(module);
        return await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> lineOf(service, traceId, text), Optional::isPresent)
                .orElseThrow();
    }

    private static Optional<JsonObject> lineOf(ServiceProcess service, String traceId, String text) {
        return JsonLogLines.of(service.log()).stream()
                .filter(line -> JsonLogLines.field(line, "traceId")
                        .filter(traceId::equals)
                        .isPresent())
                .filter(line -> JsonLogLines.field(line, "message")
                        .filter(message -> message.contains(text))
                        .isPresent())
                .findFirst();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return rest.client()
                .send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
