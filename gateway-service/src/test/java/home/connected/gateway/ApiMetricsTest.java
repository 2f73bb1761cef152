package home.connected.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import home.connected.contracts.query.v1.Reading;
import home.connected.contracts.query.v1.SensorKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** gateway_api_requests_seconds by route template and status, and gateway_live_subscribers. */
class ApiMetricsTest extends GatewayTestSupport {

    @Autowired
    MeterRegistry meters;

    @Test
    void requestsAreTimedByTheRouteTemplateNeverTheRawPath() {
        String token = TOKENS.token("alerts:read");
        long before = count("/api/v1/alert-rules/{id}", "GET", "200");

        assertThat(send("GET", "/api/v1/alert-rules/rule-4711", token, null).statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/api/v1/no-such-thing/4711", token, null).statusCode())
                .isEqualTo(404);

        assertThat(count("/api/v1/alert-rules/{id}", "GET", "200")).isEqualTo(before + 1);
        assertThat(count("none", "GET", "404")).isPositive();
        assertThat(meters.find("gateway.api.requests").timers())
                .allSatisfy(timer -> assertThat(timer.getId().getTag("route")).doesNotContain("4711"));
        String scraped = send("GET", "/actuator/prometheus", null, null).body();
        assertThat(scraped)
                .contains("gateway_api_requests_seconds_bucket{application=\"gateway-service\",method=\"GET\","
                        + "route=\"/api/v1/alert-rules/{id}\",status=\"200\",le=\"0.1\"}");
    }

    @Test
    void anOpenStreamIsALiveSubscriberUntilTheReaderLeaves() throws Exception {
        BACKEND.stream(List.of(Reading.newBuilder()
                .setKey(SensorKey.newBuilder().setDeviceId("pi-1").setQuantity("temperature"))
                .setValue(20.5)
                .build()));
        assertThat(subscribers()).isZero();

        HttpResponse<InputStream> response = open("/api/v1/readings:stream", TOKENS.token("readings:read"));
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null && !line.startsWith("data:")) {
                // up to the first reading
            }
            assertThat(subscribers()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> subscribers() == 0);
        assertThat(meters.get("gateway.live.subscribers")
                        .tag("route", "/api/v1/device-statuses:stream")
                        .gauge()
                        .value())
                .isZero();
    }

    private double subscribers() {
        return meters.get("gateway.live.subscribers")
                .tag("route", "/api/v1/readings:stream")
                .gauge()
                .value();
    }

    private long count(String route, String method, String status) {
        Timer timer = meters.find("gateway.api.requests")
                .tag("route", route)
                .tag("method", method)
                .tag("status", status)
                .timer();
        return timer == null ? 0 : timer.count();
    }
}
