package home.connected.system.monitoring;

import static home.connected.system.DevicePublisher.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.Comparison;
import home.connected.contracts.alert.v1.Rule;
import home.connected.contracts.alert.v1.SensorSelector;
import home.connected.contracts.alert.v1.Severity;
import home.connected.contracts.alert.v1.Threshold;
import home.connected.contracts.alert.v1.WebhookChannel;
import home.connected.system.DevicePublisher;
import home.connected.system.Rest;
import home.connected.testing.ActuatorProbes;
import home.connected.testing.DevServices;
import home.connected.testing.RunningSystem;
import home.connected.testing.ScratchPrometheus;
import home.connected.testing.ServiceProcess;
import home.connected.testing.WebhookReceiver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Grafana dashboards and the alerting rules against the real thing, since Grafana cannot run
 * here: the services run, a real Prometheus scrapes them every second, devices publish, the
 * gateway is used, a payload is refused and an alert notifies; then every panel's PromQL must
 * parse and return series from that Prometheus, every InfluxQL query of the home dashboard must
 * return series from the real InfluxDB, and every rule must evaluate on metrics some service exposes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesTest {

    private static final Path ROOT = DevServices.repoRoot(System.getenv());
    private static final Path DASHBOARDS = ROOT.resolve("helm/connected-home/files/dashboards");
    private static final Path RULES = ROOT.resolve("helm/connected-home/files/prometheus/connected-home.rules.yml");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** What Grafana puts in for its variables: ranges long enough for the whole run at a 1 s scrape. */
    private static final Map<String, String> PROMETHEUS_VARIABLES = Map.of(
            "__rate_interval", "5m",
            "__interval", "15s",
            "__range", "5m",
            "application", ".+");

    private static final Map<String, String> INFLUX_VARIABLES = Map.of(
            "timeFilter", "time > now() - 1h",
            "__interval", "1m",
            "measurement", "reading",
            "room", ".*");

    private RunningSystem system;
    private ServiceProcess agent;
    private ScratchPrometheus prometheus;
    private WebhookReceiver hook;
    private InputStream liveStream;
    private Rest rest;
    private String admin;
    private String ruleId;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String livingRoom = "co2-" + run;
    private final String bedroom = "bed-" + run;

    @BeforeAll
    void start() throws Exception {
        // The first roll-up pass one interval after the start, so the roll-up panel has data.
        system = new RunningSystem(
                "dashboards-test", run, Map.of("query-service", Map.of("ch.query.roll-ups.interval", "2s")));
        agent = ServiceProcess.of("sensor-agent")
                .environment(Map.of("CH_MQTT_URL", DevServices.get().mqttUrl()))
                .start();
        agent.awaitReady();
        Map<String, String> targets = new LinkedHashMap<>();
        system.services().forEach((name, service) -> targets.put(name, "127.0.0.1:" + service.httpPort()));
        targets.put("sensor-agent", "127.0.0.1:" + agent.httpPort());
        prometheus = ScratchPrometheus.start(
                targets, Duration.ofSeconds(1), Files.exists(RULES) ? List.of(RULES) : List.of());
        prometheus.awaitTargetsUp(PATIENCE);

        rest = new Rest(system.gatewayHttp());
        admin = rest.login(system.adminUser(), system.adminPassword());
        hook = new WebhookReceiver();
        ruleId = co2Rule(webhookChannel());
        liveStream = openLiveStream();

        try (DevicePublisher living = DevicePublisher.provision(rest, admin, livingRoom, "CO2 sensor", "living-room");
                DevicePublisher bed = DevicePublisher.provision(rest, admin, bedroom, "Bedroom sensor", "bedroom")) {
            publishRoom(living, "living-room", 1200);
            publishRoom(bed, "bedroom", 600);
            living.publish("this is not JSON");
            useTheApi();
            // Once more after Prometheus has scraped the first ones: the lazily made series (a route's
            // status, the notification timer, a reject's reason) then increase between scrapes, and
            // rate() sees them.
            for (String seen : List.of(
                    "sum(alert_notification_delivery_seconds_count)",
                    "sum(ingest_rejected_total)",
                    "sum(gateway_api_requests_seconds_count{route=\"/api/v1/sensors\"})")) {
                await(seen + " scraped").atMost(PATIENCE).until(() -> scalar(seen) >= 1);
            }
            publishRoom(living, "living-room", 700);
            publishRoom(bed, "bedroom", 610);
            living.publish("this is not JSON");
            useTheApi();
            await().atMost(PATIENCE).until(() -> scalar("sum(alert_notifications_sent_total)") >= 2);
        }
        for (String increasing : List.of(
                "sum(rate(alert_notification_delivery_seconds_count[5m]))",
                "sum(rate(ingest_rejected_total[5m]))",
                "sum(rate(gateway_api_requests_seconds_count{route=\"/api/v1/sensors\"}[5m]))")) {
            await(increasing + " > 0").atMost(PATIENCE).until(() -> scalar(increasing) > 0);
        }
    }

    @AfterAll
    void stop() throws Exception {
        if (liveStream != null) {
            liveStream.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (hook != null) {
            hook.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyPanelOfThePlatformDashboardReturnsSeriesFromPrometheus() {
        DashboardTargets dashboard = DashboardTargets.of(DASHBOARDS.resolve("connected-home-platform.json"));
        List<DashboardTargets.Target> queries = new ArrayList<>(dashboard.panelQueries("expr"));
        assertThat(queries).as("PromQL panel targets").hasSizeGreaterThanOrEqualTo(20);
        queries.addAll(dashboard.variableQueries().stream()
                .map(v -> new DashboardTargets.Target(v.panel(), v.refId(), labelValuesAsQuery(v.query())))
                .toList());

        List<String> failures = new ArrayList<>();
        for (DashboardTargets.Target target : queries) {
            String promQl = DashboardTargets.substitute(target.query(), PROMETHEUS_VARIABLES);
            try {
                JsonArray series = prometheus.query(promQl);
                if (series.isEmpty()) {
                    failures.add(target + " → no series");
                } else if (!anyFinite(series)) {
                    failures.add(target + " → only NaN: " + series);
                }
            } catch (IllegalArgumentException refused) {
                failures.add(target + " → " + refused.getMessage());
            }
        }
        assertThat(failures).as("panels without data").isEmpty();
    }

    @Test
    void everyQueryOfTheHomeDashboardReturnsSeriesFromInfluxDb() throws Exception {
        DashboardTargets dashboard = DashboardTargets.of(DASHBOARDS.resolve("connected-home-home.json"));
        List<DashboardTargets.Target> queries = new ArrayList<>(dashboard.panelQueries("query"));
        assertThat(queries).as("InfluxQL panel targets").hasSizeGreaterThanOrEqualTo(5);
        queries.addAll(dashboard.variableQueries());

        List<String> failures = new ArrayList<>();
        for (DashboardTargets.Target target : queries) {
            String influxQl = DashboardTargets.substitute(target.query(), INFLUX_VARIABLES);
            JsonObject result = influxQl(influxQl);
            if (result.has("error")) {
                failures.add(target + " → " + result.get("error").getAsString());
            } else if (!result.has("series") || result.getAsJsonArray("series").isEmpty()) {
                failures.add(target + " → no series");
            }
        }
        assertThat(failures).as("panels without data").isEmpty();

        JsonObject rooms = influxQl(
                DashboardTargets.substitute(dashboard.variableQueries().get(0).query(), INFLUX_VARIABLES));
        assertThat(rooms.toString()).contains("living-room").contains("bedroom");
    }

    @Test
    void theAlertingRulesEvaluateHealthyOnMetricsTheServicesExpose() {
        assertThat(RULES).as("the platform's rules file").exists();
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<JsonObject> rules = rules();
            assertThat(rules).as("rules Prometheus loaded").hasSizeGreaterThanOrEqualTo(5);
            assertThat(rules)
                    .allSatisfy(rule -> assertThat(rule.get("health").getAsString())
                            .as("%s: %s", rule.get("name"), rule.get("lastError"))
                            .isEqualTo("ok"));
        });

        Set<String> exposed = new TreeSet<>(prometheus.metricNames());
        Set<String> used = new TreeSet<>();
        rules().forEach(rule -> used.addAll(metricNames(rule.get("query").getAsString())));
        assertThat(used).as("metric names in the rules").isNotEmpty();
        assertThat(exposed).as("metrics the services expose").containsAll(used);
    }

    @Test
    void everyServicesMetricsPassPromtool() throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        system.services().forEach((name, service) -> ports.put(name, service.httpPort()));
        ports.put("sensor-agent", agent.httpPort());
        assertThat(ports).hasSize(6);

        List<String> ours = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, Integer> service : ports.entrySet()) {
            HttpResponse<String> scraped = ActuatorProbes.get(service.getValue(), ActuatorProbes.PROMETHEUS);
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body()).contains("service_ready{");
            promtoolCheckMetrics(scraped.body())
                    .lines()
                    .filter(line -> !line.isBlank())
                    .forEach(line -> (OUR_METRICS.matcher(line).lookingAt() ? ours : others)
                            .add(service.getKey() + ": " + line));
        }
        assertThat(ours)
                .as("promtool check metrics on the platform's own metrics (the libraries' own findings: %s)", others)
                .isEmpty();
    }

    private void publishRoom(DevicePublisher device, String room, double co2) throws Exception {
        Instant now = Instant.now();
        device.publish("{\"location\":\"" + room + "\",\"readings\":["
                + reading("temperature", 21.5, "°C", now) + ","
                + reading("humidity", 45, "%", now) + ","
                + reading("co2", co2, "ppm", now) + "]}");
    }

    private void useTheApi() {
        assertThat(rest.call("GET", "/api/v1/sensors", admin, null).statusCode())
                .isEqualTo(200);
        assertThat(rest.call("GET", "/api/v1/alert-rules/" + ruleId, admin, null)
                        .statusCode())
                .isEqualTo(200);
        assertThat(rest.call("GET", "/api/v1/no-such-route", admin, null).statusCode())
                .isEqualTo(404);
    }

    private String webhookChannel() {
        return rest.ok(
                        "POST",
                        "/api/v1/alert-channels",
                        admin,
                        Channel.newBuilder()
                                .setName("dashboards hook")
                                .setWebhook(WebhookChannel.newBuilder().setUrl(hook.url()))
                                .build(),
                        Channel.newBuilder())
                .getId();
    }

    private String co2Rule(String channelId) {
        return rest.ok(
                        "POST",
                        "/api/v1/alert-rules",
                        admin,
                        Rule.newBuilder()
                                .setName("CO2 high")
                                .setEnabled(true)
                                .setSelector(SensorSelector.newBuilder()
                                        .setDeviceId(livingRoom)
                                        .setQuantity("co2"))
                                .setThreshold(Threshold.newBuilder()
                                        .setComparison(Comparison.COMPARISON_ABOVE)
                                        .setValue(1000)
                                        .setHysteresis(50))
                                .setSeverity(Severity.SEVERITY_WARNING)
                                .addChannelIds(channelId)
                                .build(),
                        Rule.newBuilder())
                .getId();
    }

    /** A live stream open for the whole test: a subscriber for gateway_live_subscribers. */
    private InputStream openLiveStream() throws Exception {
        HttpResponse<InputStream> response = rest.client()
                .send(
                        HttpRequest.newBuilder(rest.uri("/api/v1/readings:stream"))
                                .header("Authorization", "Bearer " + admin)
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private List<JsonObject> rules() {
        List<JsonObject> rules = new ArrayList<>();
        for (JsonObject group : prometheus.ruleGroups()) {
            group.getAsJsonArray("rules").forEach(rule -> rules.add(rule.getAsJsonObject()));
        }
        return rules;
    }

    private double scalar(String promQl) {
        JsonArray result = prometheus.query(promQl);
        return result.isEmpty()
                ? Double.NaN
                : Double.parseDouble(result.get(0)
                        .getAsJsonObject()
                        .getAsJsonArray("value")
                        .get(1)
                        .getAsString());
    }

    private static boolean anyFinite(JsonArray series) {
        for (JsonElement element : series) {
            double value = Double.parseDouble(
                    element.getAsJsonObject().getAsJsonArray("value").get(1).getAsString());
            if (Double.isFinite(value)) {
                return true;
            }
        }
        return false;
    }

    /** Grafana's {@code label_values(metric, label)} as the PromQL whose series it lists. */
    private static String labelValuesAsQuery(String query) {
        Matcher labelValues =
                Pattern.compile("label_values\\((\\w+),\\s*(\\w+)\\)").matcher(query);
        if (!labelValues.matches()) {
            throw new AssertionError("not a label_values(metric, label) variable: " + query);
        }
        return "count by (" + labelValues.group(2) + ") (" + labelValues.group(1) + ")";
    }

    /**
     * The metric families the platform's code defines; promtool's findings on the others (Spring's,
     * Micrometer's JVM binders, e.g. {@code system_cpu_count} or a missing help text) are not ours to fix.
     */
    private static final Pattern OUR_METRICS =
            Pattern.compile("(agent|alert|ingest|query|service|mqtt_connection|gateway_api|gateway_live)_");

    private static final Set<String> PROMQL_WORDS = Set.of(
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "bool",
            "and",
            "or",
            "unless",
            "offset",
            "inf",
            "nan");

    /** The metric names a PromQL expression selects: identifiers that are not functions, keywords or labels. */
    static Set<String> metricNames(String promQl) {
        String bare = promQl.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier =
                Pattern.compile("(?<![\\w.])([a-zA-Z_:][\\w:]*)(\\s*\\()?").matcher(bare);
        while (identifier.find()) {
            String name = identifier.group(1);
            boolean function = identifier.group(2) != null;
            if (!function && !PROMQL_WORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    private JsonObject influxQl(String query) throws Exception {
        URI uri = URI.create(DevServices.get().influxDirectUrl() + "/query?db="
                + URLEncoder.encode(system.influxBucket(), StandardCharsets.UTF_8) + "&epoch=s&q="
                + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpResponse<String> response = rest.client()
                .send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        JsonObject body = JsonParser.parseString(response.body()).getAsJsonObject();
        if (body.has("error")) {
            return body;
        }
        return body.getAsJsonArray("results").get(0).getAsJsonObject();
    }

    private static String promtoolCheckMetrics(String exposition) throws IOException, InterruptedException {
        Process promtool = new ProcessBuilder("promtool", "check", "metrics")
                .redirectErrorStream(true)
                .start();
        try (OutputStream in = promtool.getOutputStream()) {
            in.write(exposition.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return output;
    }
}
