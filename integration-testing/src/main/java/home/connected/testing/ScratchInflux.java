package home.connected.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/**
 * An InfluxDB database of its own for one running system, on the dev InfluxDB, so the readings of one
 * test class or bench run never show in another's catalogue. Named {@code connected_home_<purpose>_<random>},
 * written and read through the dev front like the dev database (the bucket is the database), and dropped
 * by {@link #drop()} or when the JVM exits.
 */
public final class ScratchInflux {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final DevServices services;
    private final String name;

    private ScratchInflux(DevServices services, String purpose) {
        this.services = services;
        this.name = "connected_home_" + purpose + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + name);
        Runtime.getRuntime().addShutdownHook(new Thread(this::drop));
    }

    /** @param purpose lower-case letters, digits and underscores, e.g. {@code web_test} */
    public static ScratchInflux create(String purpose) {
        if (!purpose.matches("[a-z0-9_]{1,24}")) {
            throw new IllegalArgumentException("purpose must be [a-z0-9_]{1,24}: " + purpose);
        }
        return new ScratchInflux(DevServices.get(), purpose);
    }

    /** The bucket to hand to the services ({@code CH_INFLUX_BUCKET}) in place of the dev one. */
    public String bucket() {
        return name;
    }

    public void drop() {
        execute("DROP DATABASE " + name);
    }

    private void execute(String influxQl) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(services.influxDirectUrl() + "/query"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(influxQl, StandardCharsets.UTF_8)))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 || response.body().contains("\"error\"")) {
                throw new IllegalStateException(
                        "InfluxDB refused " + influxQl + ": " + response.statusCode() + " " + response.body());
            }
        } catch (IOException e) {
            throw new IllegalStateException("InfluxDB unreachable for " + influxQl + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + influxQl, e);
        }
    }
}
