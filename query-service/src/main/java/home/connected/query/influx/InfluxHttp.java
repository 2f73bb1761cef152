package home.connected.query.influx;

import home.connected.query.QueryProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
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
 * InfluxDB's v1 HTTP API ({@code /query}, {@code /ping}) as InfluxDB 1.x, 2.x (v1 compatibility, DBRP
 * mapping) and 3.x all serve it, and the v2 write ({@code /api/v2/write}, for the roll-ups), with
 * {@code Authorization: Token}. Blocking HTTP/1.1 on the caller's
 * thread over kept-alive connections: a small query's answer is read where it is wanted, with no hand-off
 * to a client's own threads and back (about a millisecond a request on a small machine).
 */
@Component
class InfluxHttp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InfluxHttp.class);
    private static final int ERROR_EXCERPT = 500;

    private final URL query;
    private final URL ping;
    private final URL write;
    private final String authorization;
    private final Duration timeout;
    /** Ends a request still unanswered, or an answer still unread, at its deadline, so it cannot hold a thread. */
    private final ScheduledThreadPoolExecutor deadlines;

    InfluxHttp(QueryProperties properties) {
        QueryProperties.Influx influx = properties.influx();
        String base = influx.url().replaceAll("/+$", "");
        this.timeout = influx.timeout();
        // db and epoch in the query string: 1.x and 2.x read either place, early 3.x only the URL
        this.query =
                url(base + "/query?db=" + URLEncoder.encode(influx.database(), StandardCharsets.UTF_8) + "&epoch=ns");
        this.ping = url(base + "/ping");
        // org: 2.x requires one (1.x and the dev front ignore it); bucket: the database, or db/rp on 1.x
        this.write = url(base + "/api/v2/write?org=" + URLEncoder.encode(influx.org(), StandardCharsets.UTF_8)
                + "&bucket=" + URLEncoder.encode(influx.database(), StandardCharsets.UTF_8) + "&precision=ns");
        this.authorization = influx.token() == null || influx.token().isBlank() ? null : "Token " + influx.token();
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
        byte[] form = ("q=" + URLEncoder.encode(statements, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return post(query, "application/x-www-form-urlencoded", form, reader);
    }

    /**
     * POSTs line protocol (nanosecond times) to {@code /api/v2/write}, as ingest-service writes.
     *
     * @throws InfluxUnavailableException when InfluxDB cannot be reached, does not answer in time or
     *     answers with a status other than 2xx (a line it refuses, a token that may not write)
     */
    void write(String lines) {
        post(write, "text/plain; charset=utf-8", lines.getBytes(StandardCharsets.UTF_8), body -> null);
    }

    private <T> T post(URL url, String contentType, byte[] content, Function<InputStream, T> reader) {
        AtomicBoolean late = new AtomicBoolean();
        HttpURLConnection connection = null;
        ScheduledFuture<?> deadline = null;
        try {
            connection = open(url);
            HttpURLConnection ending = connection;
            deadline = deadlines.schedule(
                    () -> {
                        late.set(true);
                        ending.disconnect();
                    },
                    timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
            connection.setRequestMethod("POST");
            // Not in streaming mode: the JDK probes a kept-alive connection before a streamed POST with a
            // read that waits 1 ms (HttpClient.available), which cost 1-3 ms a query here.
            connection.setDoOutput(true);
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty("Content-Type", contentType);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(content);
            }
            int status = connection.getResponseCode();
            if (status / 100 != 2) {
                throw unavailable("HTTP " + status + " " + excerpt(connection.getErrorStream()));
            }
            try (InputStream body = connection.getInputStream()) {
                T read = reader.apply(body);
                // the rest (a newline) read too, so the connection is kept for the next request
                body.transferTo(OutputStream.nullOutputStream());
                return read;
            }
        } catch (JacksonException | IOException e) {
            boolean timedOut = late.get() || e instanceof SocketTimeoutException;
            throw unavailable(timedOut ? "no whole answer within " + timeout : e.toString());
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }

    /** Whether InfluxDB answers {@code /ping} with 2xx (204 from 1.x and 2.x, 200 from 3.x). */
    boolean ping() {
        try {
            HttpURLConnection connection = open(ping);
            int status = connection.getResponseCode();
            try (InputStream body = status / 100 == 2 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.transferTo(OutputStream.nullOutputStream());
                }
            }
            return status / 100 == 2;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
    }

    private HttpURLConnection open(URL url) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        connection.setConnectTimeout(millis);
        connection.setReadTimeout(millis);
        connection.setUseCaches(false);
        if (authorization != null) {
            connection.setRequestProperty("Authorization", authorization);
        }
        return connection;
    }

    private static URL url(String url) {
        try {
            return URI.create(url).toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException("not an InfluxDB URL: " + url, e);
        }
    }

    private static InfluxUnavailableException unavailable(String reason) {
        InfluxUnavailableException failure = new InfluxUnavailableException(reason);
        log.warn(failure.getMessage());
        return failure;
    }

    /** The start of an error answer, on one line, for the log. */
    private static String excerpt(InputStream body) throws IOException {
        if (body == null) {
            return "";
        }
        try (body) {
            String start = new String(body.readNBytes(ERROR_EXCERPT), StandardCharsets.UTF_8);
            body.transferTo(OutputStream.nullOutputStream());
            return start.replaceAll("\\s+", " ").trim();
        }
    }
}
