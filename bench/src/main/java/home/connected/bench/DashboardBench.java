package home.connected.bench;

import home.connected.contracts.Topics;
import home.connected.testing.DevServices;
import home.connected.testing.RunningSystem;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The web app's figures through the running system (auth, ingest, query, alert and gateway from their jars,
 * the gateway serving the dashboard): first-load bytes, navigation → first chart, drawing 100,000 points and
 * publish → tile updated. Prints figures and their targets; asserts nothing.
 */
final class DashboardBench {

    record Options(int loads, int updates, int updateRate, int days, int everyMinutes) {

        static final String USAGE = "[--loads N (10)] [--updates N (200)] [--update-rate PER_SECOND (5)]"
                + " [--days N (30)] [--every-minutes N (5)]";

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("--loads", "10");
            values.put("--updates", "200");
            values.put("--update-rate", "5");
            values.put("--days", "30");
            values.put("--every-minutes", "5");
            for (int i = 0; i < args.length; i += 2) {
                if (!values.containsKey(args[i]) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("bad option " + args[i] + "; " + USAGE);
                }
                values.put(args[i], args[i + 1]);
            }
            int[] numbers = values.keySet().stream()
                    .mapToInt(name -> positive(values, name))
                    .toArray();
            return new Options(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4]);
        }

        private static int positive(Map<String, String> values, String name) {
            try {
                int value = Integer.parseInt(values.get(name));
                if (value < 1) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " takes a whole number ≥ 1, not " + values.get(name));
            }
        }
    }

    /** One sensor of each bench device. */
    private record SensorSpec(String sensor, String quantity, String unit, double base, double swing) {}

    private static final List<SensorSpec> SENSORS = List.of(
            new SensorSpec("air", "temperature", "°C", 21, 3),
            new SensorSpec("floor", "temperature", "°C", 19, 2),
            new SensorSpec("rh", "humidity", "%", 45, 10),
            new SensorSpec("co2", "co2", "ppm", 650, 250));

    private static final int DEVICES = 3;
    private static final int TIMESTAMPS_PER_MESSAGE = 25; // × 4 sensors: 100 readings, about 9 KB
    private static final double UPDATE_BASE = 300;
    private static final Pattern SCRIPT = Pattern.compile("<script\\b[^>]*\\bsrc=\"([^\"]+)\"");
    private static final Pattern STYLESHEET =
            Pattern.compile("<link\\b(?=[^>]*\\brel=\"stylesheet\")[^>]*\\bhref=\"([^\"]+)\"");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9,]*(\\.[0-9]+)?");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final DevServices services;
    private final Options options;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "bench-w-" + run + "-";
    private final String publisherUser = prefix + "pub";
    private final String publisherPassword = UUID.randomUUID().toString();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    private final Map<String, String> summary = new LinkedHashMap<>();

    DashboardBench(DevServices services, Options options) {
        this.services = services;
        this.options = options;
    }

    void run() throws Exception {
        int timestamps = options.days() * 24 * 60 / options.everyMinutes();
        System.out.printf(
                "dashboard bench %s: %d devices × %d sensors, %d days every %d min (%,d readings)%n",
                run,
                DEVICES,
                SENSORS.size(),
                options.days(),
                options.everyMinutes(),
                (long) timestamps * DEVICES * SENSORS.size());
        Path drawPage = drawBenchPage();
        Mqtt.createPublisher(services, publisherUser, publisherPassword, List.of(Topics.ALL_DEVICES));
        long started = System.nanoTime();
        Publishers publisher = null;
        try (RunningSystem system = new RunningSystem(
                "bench",
                run,
                Map.of(
                        "gateway-service",
                        Map.of(
                                "ch.gateway.login-rate-limit.burst", "1000",
                                "ch.gateway.login-rate-limit.per-minute", "1000",
                                "ch.gateway.refresh-rate-limit.burst", "1000",
                                "ch.gateway.refresh-rate-limit.per-minute", "1000")))) {
            System.out.printf(
                    "%s ready after %.1f s%n",
                    String.join(", ", system.services().keySet()), (System.nanoTime() - started) / 1e9);
            String origin = "http://127.0.0.1:" + system.gatewayHttp();
            Gateway gateway = Gateway.signIn(system.gatewayHttp(), system.adminUser(), system.adminPassword());
            provision(gateway);
            publisher = new Publishers(services.mqttUrl(), publisherUser, publisherPassword, 2);
            publishHistory(publisher, timestamps, system.influxBucket());
            awaitCatalogue(gateway);

            firstLoadBytes(origin);
            try (HeadlessChromium browser = new HeadlessChromium()) {
                browser.open(origin + "/");
                browser.signIn(system.adminUser(), system.adminPassword());
                firstChart(browser, origin);
                drawing(browser, drawPage);
                tileUpdates(browser, origin, publisher);
            }
            printSummary();
        } finally {
            if (publisher != null) {
                publisher.close();
            }
            Mqtt.deletePublisher(services, publisherUser);
        }
    }

    private String device(int d) {
        return prefix + "d" + d;
    }

    private String sensorId(int d, SensorSpec sensor) {
        return device(d) + "/" + sensor.sensor() + "/" + sensor.quantity();
    }

    private void provision(Gateway gateway) {
        String[] rooms = {"Kitchen", "Living room", "Bedroom"};
        for (int d = 0; d < DEVICES; d++) {
            gateway.post(
                    "/api/v1/devices",
                    Mqtt.JSON.writeValueAsString(
                            Map.of("deviceId", device(d), "displayName", "Bench device " + d, "location", rooms[d])));
        }
        System.out.printf("provisioned %d devices (%s0..%d)%n", DEVICES, prefix + "d", DEVICES - 1);
    }

    /** Every sensor's history, oldest first, in messages of {@link #TIMESTAMPS_PER_MESSAGE} timestamps. */
    private void publishHistory(Publishers publisher, int timestamps, String bucket) throws Exception {
        int messagesPerDevice = (timestamps + TIMESTAMPS_PER_MESSAGE - 1) / TIMESTAMPS_PER_MESSAGE;
        long start = System.nanoTime();
        long acknowledged = publisher.publish(DEVICES * messagesPerDevice, i -> {
            int d = i % DEVICES;
            int first = (i / DEVICES) * TIMESTAMPS_PER_MESSAGE;
            StringBuilder json = new StringBuilder("{\"readings\":[");
            for (int t = first; t < Math.min(timestamps, first + TIMESTAMPS_PER_MESSAGE); t++) {
                // t = 0 is the oldest; the newest is one interval before now
                Instant ts = now.minus(Duration.ofMinutes((long) (timestamps - t) * options.everyMinutes()));
                double day = ts.getEpochSecond() / 86_400.0;
                for (SensorSpec sensor : SENSORS) {
                    double value = sensor.base()
                            + sensor.swing() * Math.sin(2 * Math.PI * day)
                            + sensor.swing() / 10 * Math.sin(t * 0.7 + d);
                    json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                            .append("{\"sensor\":\"")
                            .append(sensor.sensor())
                            .append("\",\"quantity\":\"")
                            .append(sensor.quantity())
                            .append("\",\"value\":")
                            .append(String.format(Locale.ROOT, "%.2f", value))
                            .append(",\"unit\":\"")
                            .append(sensor.unit())
                            .append("\",\"ts\":\"")
                            .append(ts)
                            .append("\"}");
                }
            }
            return new Publishers.Message(
                    Topics.readings(device(d)), json.append("]}").toString().getBytes(StandardCharsets.UTF_8));
        });
        long expected = (long) timestamps * DEVICES * SENSORS.size();
        try (Influx influx = new Influx(bucket)) {
            long stored = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (System.nanoTime() < deadline && (stored = influx.countDevicesStartingWith(prefix)) < expected) {
                TimeUnit.MILLISECONDS.sleep(500);
            }
            System.out.printf(
                    "published %d messages (%d acknowledged), %,d of %,d readings stored after %.1f s%n",
                    DEVICES * messagesPerDevice, acknowledged, stored, expected, (System.nanoTime() - start) / 1e9);
            if (stored < expected) {
                throw new IllegalStateException("only " + stored + " of " + expected + " readings stored in 5 min");
            }
        }
    }

    private void awaitCatalogue(Gateway gateway) throws InterruptedException {
        int expected = DEVICES * SENSORS.size();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        int shown = 0;
        while (System.nanoTime() < deadline) {
            shown = 0;
            for (JsonNode sensor :
                    Mqtt.JSON.readTree(gateway.get("/api/v1/sensors")).path("sensors")) {
                if (sensor.path("key").path("deviceId").asString("").startsWith(prefix)) {
                    shown++;
                }
            }
            if (shown == expected) {
                System.out.printf("the catalogue shows the %d bench sensors%n", expected);
                return;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new IllegalStateException("the catalogue shows " + shown + " of " + expected + " bench sensors");
    }

    /** (1) What a first visit downloads: the page's script and style sheets, gzip, bytes on the wire. */
    private void firstLoadBytes(String origin) throws Exception {
        System.out.printf("%n(1) first-load JS + CSS, gzip, bytes on the wire%n");
        String html = new String(get(origin + "/", "identity").body(), StandardCharsets.UTF_8);
        List<String> files = new ArrayList<>();
        for (Pattern pattern : List.of(SCRIPT, STYLESHEET)) {
            Matcher matcher = pattern.matcher(html);
            while (matcher.find()) {
                files.add(matcher.group(1));
            }
        }
        long total = 0;
        for (String file : files) {
            HttpResponse<byte[]> response = get(origin + file, "gzip");
            String encoding = response.headers().firstValue("Content-Encoding").orElse("none");
            total += response.body().length;
            System.out.printf(
                    "  %-48s %8.1f KB (Content-Encoding: %s)%n", file, response.body().length / 1000.0, encoding);
        }
        System.out.printf("  total %.1f KB in %d files%n", total / 1000.0, files.size());
        summary.put("first-load JS+CSS, gzip | ≤ 150 KB", String.format("%.1f KB", total / 1000.0));
    }

    private static HttpResponse<byte[]> get(String url, String encoding) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Accept-Encoding", encoding)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + " answered " + response.statusCode());
        }
        return response;
    }

    /** (2) Cold loads of the explorer with 4 temperature sensors over 30 days: navigation start → first chart canvas. */
    private void firstChart(HeadlessChromium browser, String origin) {
        List<String> ids = List.of(
                sensorId(0, SENSORS.get(0)),
                sensorId(0, SENSORS.get(1)),
                sensorId(1, SENSORS.get(0)),
                sensorId(1, SENSORS.get(1)));
        String url = origin + "/explorer?sensors=" + String.join(",", ids) + "&range=30d";
        System.out.printf("%n(2) navigation → first chart drawn, %d cold loads of %s%n", options.loads(), url);
        String recorder = """
                (() => {
                  window.__chFirstChart = null;
                  const seen = () => {
                    if (window.__chFirstChart === null && document.querySelector('div.chart canvas')) {
                      window.__chFirstChart = performance.now();
                      observer.disconnect();
                    }
                  };
                  const observer = new MutationObserver(seen);
                  observer.observe(document, { childList: true, subtree: true });
                })();
                """;
        List<Long> loads = new ArrayList<>();
        for (int i = 0; i < options.loads(); i++) {
            browser.open("about:blank");
            browser.cdp("Network.clearBrowserCache", Map.of());
            // a first visit: no cached shell and no service worker either (the refresh cookie stays)
            browser.cdp(
                    "Storage.clearDataForOrigin",
                    Map.of("origin", origin, "storageTypes", "cache_storage,service_workers"));
            Object identifier = browser.cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", recorder))
                    .get("identifier");
            try {
                browser.open(url);
                Object millis = browser.waitForScript(
                        "return typeof window.__chFirstChart === 'number' ? window.__chFirstChart : null",
                        HeadlessChromium.PATIENCE);
                long nanos = Math.round(((Number) millis).doubleValue() * 1e6);
                loads.add(nanos);
                System.out.printf("  load %2d: %.0f ms%n", i + 1, nanos / 1e6);
            } catch (org.openqa.selenium.TimeoutException e) {
                Object text =
                        browser.script("return document.querySelector('main')?.innerText ?? document.body.innerText");
                throw new IllegalStateException(
                        "no chart within " + HeadlessChromium.PATIENCE + "; the page shows: " + text, e);
            } finally {
                browser.cdp("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", identifier));
            }
        }
        loads.sort(null);
        String figures = String.format(
                "p50 %.0f ms, p90 %.0f ms, max %.0f ms",
                Percentiles.millis(loads, 0.5), Percentiles.millis(loads, 0.9), Percentiles.millis(loads, 1.0));
        System.out.println("  " + figures);
        summary.put("navigation → first chart (p50) | ≤ 1000 ms", figures);
    }

    /** dashboard/target/bench/draw.html, built first with {@code node build.mjs --bench} when missing. */
    private static Path drawBenchPage() throws Exception {
        Path dashboard = DevServices.repoRoot(System.getenv()).resolve("dashboard");
        Path page = dashboard.resolve("target/bench/draw.html");
        if (!Files.exists(page)) {
            System.out.println("building the bench pages: node build.mjs --bench in " + dashboard);
            Process build = new ProcessBuilder("node", "build.mjs", "--bench")
                    .directory(dashboard.toFile())
                    .inheritIO()
                    .start();
            if (build.waitFor() != 0 || !Files.exists(page)) {
                throw new IllegalStateException("node build.mjs --bench failed in " + dashboard);
            }
        }
        return page;
    }

    /** (3) drawSeries on 100,000 points, call → end of uPlot's first draw, as the bench page times it. */
    @SuppressWarnings("unchecked")
    private void drawing(HeadlessChromium browser, Path page) {
        System.out.printf("%n(3) drawing 100,000 points (min, max, mean) with drawSeries, %s%n", page.toUri());
        browser.open(page.toUri().toString());
        Map<String, Object> results = (Map<String, Object>)
                browser.waitForScript("return window.benchResults ?? null", HeadlessChromium.PATIENCE);
        if (results.get("error") != null) {
            throw new IllegalStateException("the drawing bench page failed: " + results.get("error"));
        }
        List<Long> runs = new ArrayList<>();
        for (Object millis : (List<Object>) results.get("millis")) {
            runs.add(Math.round(((Number) millis).doubleValue() * 1e6));
        }
        System.out.printf(
                "  %s points, runs: %s ms%n",
                results.get("points"),
                String.join(
                        ", ",
                        runs.stream().map(n -> String.format("%.1f", n / 1e6)).toList()));
        runs.sort(null);
        String figures = String.format(
                "p50 %.1f ms, min %.1f ms, max %.1f ms",
                Percentiles.millis(runs, 0.5), Percentiles.millis(runs, 0.0), Percentiles.millis(runs, 1.0));
        System.out.println("  " + figures);
        summary.put("draw 100,000 points (p50) | ≤ 200 ms", figures);
    }

    /** (4) Readings published at the update rate → the home tile's value changed in the DOM. */
    @SuppressWarnings("unchecked")
    private void tileUpdates(HeadlessChromium browser, String origin, Publishers publisher) throws Exception {
        SensorSpec sensor = SENSORS.get(0);
        String id = sensorId(DEVICES - 1, sensor);
        String selector = "article.tile[data-sensor=\"" + id + "\"] .value";
        System.out.printf(
                "%n(4) publish → tile updated, %d readings at %d/s on %s%n",
                options.updates(), options.updateRate(), id);
        browser.open(origin + "/");
        browser.waitFor(selector);
        browser.script("""
                const value = document.querySelector(arguments[0]);
                const host = value.closest('ch-home-tile') ?? value.closest('article');
                const text = () => document.querySelector(arguments[0])?.textContent.trim() ?? '';
                let last = text();
                window.__chTile = [];
                new MutationObserver(() => {
                  const now = text();
                  if (now !== last) {
                    last = now;
                    window.__chTile.push([Date.now(), now]);
                  }
                }).observe(host, { childList: true, subtree: true, characterData: true });
                """, selector);
        long[] published = new long[options.updates()];
        long interval = TimeUnit.SECONDS.toNanos(1) / options.updateRate();
        long start = System.nanoTime();
        for (int n = 0; n < options.updates(); n++) {
            LockSupport.parkNanos(start + n * interval - System.nanoTime());
            String json = "{\"readings\":[{\"sensor\":\"" + sensor.sensor() + "\",\"quantity\":\"" + sensor.quantity()
                    + "\",\"value\":" + (UPDATE_BASE + n) + ",\"unit\":\"" + sensor.unit() + "\",\"ts\":\""
                    + Instant.now() + "\"}]}";
            published[n] = System.currentTimeMillis();
            publisher.publishOne(new Publishers.Message(
                    Topics.readings(device(DEVICES - 1)), json.getBytes(StandardCharsets.UTF_8)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Map<Integer, Long> shown = new HashMap<>();
        while (true) {
            shown.clear();
            for (Object entry : (List<Object>) browser.script("return window.__chTile")) {
                List<Object> change = (List<Object>) entry;
                Integer n = updateNumber((String) change.get(1));
                if (n != null && n >= 0 && n < options.updates()) {
                    shown.putIfAbsent(n, ((Number) change.get(0)).longValue());
                }
            }
            if (shown.containsKey(options.updates() - 1) || System.nanoTime() > deadline) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        List<Long> latencies = new ArrayList<>();
        shown.forEach((n, at) -> latencies.add(TimeUnit.MILLISECONDS.toNanos(at - published[n])));
        latencies.sort(null);
        String figures = String.format(
                "p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d of %d shown)",
                Percentiles.millis(latencies, 0.5),
                Percentiles.millis(latencies, 0.99),
                Percentiles.millis(latencies, 1.0),
                latencies.size(),
                options.updates());
        System.out.println("  " + figures + "; times in whole milliseconds (Date.now() against the bench's clock)");
        summary.put("publish → tile updated (p99) | ≤ 250 ms", figures);
    }

    /** The update number behind a tile's text such as "342 °C"; null when it shows something else. */
    private static Integer updateNumber(String text) {
        Matcher matcher = NUMBER.matcher(text);
        if (!matcher.find()) {
            return null;
        }
        double value = Double.parseDouble(matcher.group().replace(",", ""));
        return (int) Math.round(value - UPDATE_BASE);
    }

    private void printSummary() {
        System.out.printf("%nsummary%n  %-46s %-10s %s%n", "figure", "target", "measured");
        summary.forEach((key, value) -> {
            String[] parts = key.split(" \\| ");
            System.out.printf("  %-46s %-10s %s%n", parts[0], parts[1], value);
        });
    }
}
