package home.connected.query.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import home.connected.query.QueryProperties;
import home.connected.testing.DevServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

/** InfluxReader and the health indicator when InfluxDB is away, slow, stalls or refuses the token. */
class InfluxHttpTest {

    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final String STATEMENT = "SELECT value FROM \"reading\" WHERE \"device\" = 'qt-nobody'";

    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    @Test
    void answersThroughTheFront() {
        DevServices services = DevServices.get();
        InfluxHttp influx = influx(services.influxUrl() + "/", services.influxToken());

        assertThat(reader(influx).selectEach(List.of(STATEMENT, STATEMENT))).containsExactly(List.of(), List.of());
        assertThat(health(influx)).isEqualTo(Status.UP);
    }

    @Test
    void isUnavailableAndDownWhereNothingListens() {
        InfluxHttp influx = influx("http://127.0.0.1:" + closedPort(), "token");

        assertUnavailable(influx);
        assertThat(health(influx)).isEqualTo(Status.DOWN);
    }

    @Test
    void isUnavailableAndDownWhenNoAnswerComesInTime() throws IOException {
        ServerSocket silent = listening();
        accept(silent, socket -> {});
        InfluxHttp influx = influx("http://127.0.0.1:" + silent.getLocalPort(), "token");

        long start = System.nanoTime();
        assertUnavailable(influx);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(4));
        assertThat(health(influx)).isEqualTo(Status.DOWN);
    }

    @Test
    void isUnavailableWhenTheAnswerStallsHalfway() throws IOException {
        ServerSocket stalling = listening();
        accept(
                stalling,
                socket -> socket.getOutputStream()
                        .write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
                                        + "{\"results\":[{\"statement_id\":0,\"series\":[")
                                .getBytes(StandardCharsets.US_ASCII)));
        InfluxHttp influx = influx("http://127.0.0.1:" + stalling.getLocalPort(), "token");

        long start = System.nanoTime();
        assertThatThrownBy(() -> reader(influx).select(STATEMENT))
                .isInstanceOf(InfluxUnavailableException.class)
                .hasMessageContaining("no whole answer within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.multipliedBy(4));
    }

    @Test
    void isUnavailableWhenTheTokenIsRefused() {
        InfluxHttp influx = influx(DevServices.get().influxUrl(), "not-the-token");

        assertThatThrownBy(() -> reader(influx).select(STATEMENT))
                .isInstanceOf(InfluxUnavailableException.class)
                .hasMessageContaining("HTTP 401");
    }

    private static void assertUnavailable(InfluxHttp influx) {
        assertThatThrownBy(() -> reader(influx).selectEach(List.of(STATEMENT, STATEMENT)))
                .isInstanceOf(InfluxUnavailableException.class)
                .hasMessageStartingWith("InfluxDB query failed: ");
    }

    private InfluxHttp influx(String url, String token) {
        InfluxHttp influx = new InfluxHttp(properties(url, token));
        opened.add(influx);
        return influx;
    }

    private static InfluxReader reader(InfluxHttp influx) {
        return new InfluxReader(influx, properties("http://unused", "unused"));
    }

    private static Status health(InfluxHttp influx) {
        return new InfluxHealthIndicator(influx).health().getStatus();
    }

    private static QueryProperties properties(String url, String token) {
        return new QueryProperties(
                new QueryProperties.Influx(
                        url, token, "connected-home", DevServices.get().influxBucket(), "reading", TIMEOUT, 2),
                null,
                null,
                null,
                null,
                null);
    }

    private ServerSocket listening() throws IOException {
        ServerSocket server = new ServerSocket(0);
        opened.add(server);
        return server;
    }

    /** Accepts every connection, lets {@code answer} write to it, then keeps it open without a word more. */
    private void accept(ServerSocket server, SocketAnswer answer) {
        Thread acceptor = new Thread(() -> {
            try {
                while (!server.isClosed()) {
                    Socket socket = server.accept();
                    opened.add(socket);
                    answer.write(socket);
                    socket.getOutputStream().flush();
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private interface SocketAnswer {
        void write(Socket socket) throws IOException;
    }

    /** A loopback port nothing listens on: bound once by the system, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
