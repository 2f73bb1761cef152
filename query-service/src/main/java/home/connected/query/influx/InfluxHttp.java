package home.connected.query.influx;

import home.connected.query.QueryProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;

/**
 * InfluxDB's v1 HTTP API ({@code /query}, {@code /ping}) over one keep-alive HTTP/1.1 client, as
 * InfluxDB 1.x, 2.x (v1 compatibility, DBRP mapping) and 3.x all serve it, with {@code Authorization: Token}.
 */
@Component
class InfluxHttp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InfluxHttp.class);
    private static final int ERROR_EXCERPT = 500;

    private final HttpClient http;
    private final URI query;
    private final URI ping;
    private final String authorization;
    private final Duration timeout;
    /**
     * The request timeout ends when the headers arrive; this closes a body still unread at the
     * deadline, so a stalled answer cannot hold a caller's thread.
     */
    private final ScheduledThreadPoolExecutor deadlines;

    InfluxHttp(QueryProperties properties) {
        QueryProperties.Influx influx = properties.influx();
        String base = influx.url().replaceAll("/+$", "");
        this.timeout = influx.timeout();
        // db and epoch in the query string: 1.x and 2.x read either place, early 3.x only the URL
        this.query = URI.create(
                base + "/query?db=" + URLEncoder.encode(influx.database(), StandardCharsets.UTF_8) + "&epoch=ns");
        this.ping = URI.create(base + "/ping");
        this.authorization = influx.token() == null || influx.token().isBlank() ? null : "Token " + influx.token();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
        this.deadlines = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "influx-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        deadlines.setRemoveOnCancelPolicy(true);
    }

    /**
     * POSTs the statements ({@code ;}-separated) to {@code /query} and reads the JSON answer.
     *
     * @throws InfluxUnavailableException when InfluxDB cannot be reached, does not answer in time,
     *     answers with a status other than 2xx or with something {@code reader} cannot read
     */
    <T> T query(String statements, Function<InputStream, T> reader) {
        long start = System.nanoTime();
        HttpRequest request = request(query)
                .header("Accept", "application/json")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + URLEncoder.encode(statements, StandardCharsets.UTF_8)))
                .build();
        HttpResponse<InputStream> response = send(request);
        AtomicBoolean late = new AtomicBoolean();
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw unavailable("HTTP " + response.statusCode() + " " + excerpt(body));
            }
            long left = timeout.toNanos() - (System.nanoTime() - start);
            ScheduledFuture<?> deadline = deadlines.schedule(
                    () -> {
                        late.set(true);
                        closeQuietly(body);
                    },
                    Math.max(0, left),
                    TimeUnit.NANOSECONDS);
            try {
                T read = reader.apply(body);
                // the rest (a newline) read too, so the connection goes back to the pool
                body.transferTo(OutputStream.nullOutputStream());
                return read;
            } finally {
                deadline.cancel(false);
            }
        } catch (JacksonException | IOException e) {
            throw unavailable(late.get() ? "no whole answer within " + timeout : e.toString());
        }
    }

    /** Whether InfluxDB answers {@code /ping} with 2xx (204 from 1.x and 2.x, 200 from 3.x). */
    boolean ping() {
        try {
            int status = http.send(request(ping).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            return status / 100 == 2;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout);
        return authorization == null ? request : request.header("Authorization", authorization);
    }

    private HttpResponse<InputStream> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unavailable(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted");
        }
    }

    private static InfluxUnavailableException unavailable(String reason) {
        InfluxUnavailableException failure = new InfluxUnavailableException(reason);
        log.warn(failure.getMessage());
        return failure;
    }

    /** The start of an error answer, on one line, for the log. */
    private static String excerpt(InputStream body) throws IOException {
        return new String(body.readNBytes(ERROR_EXCERPT), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ")
                .trim();
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // closing is all that is wanted; the reader fails on the closed stream
        }
    }
}
