package home.connected.piagent.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import home.connected.contracts.Topics;
import home.connected.piagent.buffer.BufferLimits;
import home.connected.piagent.buffer.ReadingLog;
import home.connected.piagent.config.AgentConfig.Broker;
import home.connected.testing.OnMessage;
import home.connected.testing.ServiceProcess;
import home.connected.testing.ThrowawayMosquitto;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The buffer's readings to a real Mosquitto: sent, acknowledged and gone from the log; over TLS too. */
class BufferedPublisherTest {

    private static final Instant TAKEN = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path directory;

    private ThrowawayMosquitto broker;
    private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void sendsTheBufferInOrderAndDropsOnlyWhatTheBrokerAcknowledged() throws Exception {
        broker = ThrowawayMosquitto.started();
        String device = "pub-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> retained = new ConcurrentHashMap<>();
        List<String> messages = subscribe(broker.url(), device, retained);
        ReadingLog log = open();
        log.append(List.of(reading(0), reading(1)));
        BufferedPublisher publisher = publisher(log, device, broker.url(), null);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> joined(messages).contains("\"ts\":\"2026-12-01T10:00:01Z\""));
        log.append(List.of(reading(2)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> joined(messages).contains("\"ts\":\"2026-12-01T10:00:02Z\""));
        await().atMost(Duration.ofSeconds(10)).until(() -> log.stats().pendingRecords() == 0);

        String all = joined(messages);
        assertThat(all.indexOf("10:00:00Z")).isLessThan(all.indexOf("10:00:01Z"));
        assertThat(all.indexOf("10:00:01Z")).isLessThan(all.indexOf("10:00:02Z"));
        assertThat(retained).containsEntry(Topics.status(device), "online");
        assertThat(publisher.sentReadings()).isEqualTo(3);

        publisher.close();
        closing.remove(publisher);
        await().atMost(Duration.ofSeconds(10)).until(() -> "offline".equals(retained.get(Topics.status(device))));
    }

    @Test
    void whatTheBrokerNeverAcknowledgedStaysInTheBufferForTheNextStart() throws Exception {
        broker = ThrowawayMosquitto.create();
        String device = "down-" + UUID.randomUUID().toString().substring(0, 8);
        ReadingLog log = open();
        log.append(List.of(reading(0)));
        BufferedPublisher publisher = publisher(log, device, broker.url(), null);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !publisher.connected());
        publisher.close();
        closing.remove(publisher);

        assertThat(log.stats().pendingRecords()).isEqualTo(1);
    }

    @Test
    void connectsOverTlsTrustingTheConfiguredCa() throws Exception {
        Path ca = certificates("ca");
        Path otherCa = certificates("other");
        int tlsPort = ServiceProcess.freePort();
        broker = ThrowawayMosquitto.create(
                """
                listener %d 127.0.0.1
                certfile %s
                keyfile %s
                """.formatted(tlsPort, directory.resolve("ca-server.pem"), directory.resolve("ca-server.key")));
        broker.start();
        String device = "tls-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> messages = subscribe(broker.url(), device, new ConcurrentHashMap<>());
        String tlsUrl = "ssl://127.0.0.1:" + tlsPort;

        ReadingLog refused = open("refused");
        refused.append(List.of(reading(0)));
        BufferedPublisher untrusting = publisher(refused, device, tlsUrl, otherCa);
        ReadingLog log = open("trusted");
        log.append(List.of(reading(1)));
        publisher(log, device, tlsUrl, ca);

        await().atMost(Duration.ofSeconds(20)).until(() -> joined(messages).contains("10:00:01Z"));
        assertThat(untrusting.connected())
                .as("a server certificate from another CA")
                .isFalse();
        assertThat(joined(messages)).doesNotContain("10:00:00Z");
        assertThat(refused.stats().pendingRecords()).isEqualTo(1);
    }

    private BufferedPublisher publisher(ReadingLog log, String device, String url, Path ca) throws Exception {
        Broker broker = new Broker(url, device, null, ca);
        BufferedPublisher publisher =
                new BufferedPublisher(log, device, url, device, null, BrokerSockets.forBroker(broker), 100, 10, 50);
        closing.add(publisher);
        publisher.start();
        return publisher;
    }

    private ReadingLog open() throws IOException {
        return open("buffer");
    }

    private ReadingLog open(String name) throws IOException {
        ReadingLog log = ReadingLog.open(directory.resolve(name), BufferLimits.defaults(), Clock.systemUTC());
        closing.add(log);
        return log;
    }

    private static byte[] reading(int second) {
        return ReadingJson.object(
                new Reading("probe", "temperature", 20 + second, "°C", null, TAKEN.plusSeconds(second)));
    }

    private List<String> subscribe(String url, String device, Map<String, String> retained) throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        MqttAsyncClient client = new MqttAsyncClient(url, "watch-" + device, new MemoryPersistence());
        client.setCallback(new OnMessage((topic, message) -> {
            String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
            if (topic.equals(Topics.status(device))) {
                retained.put(topic, payload);
            } else {
                messages.add(payload);
            }
        }));
        client.connect(new MqttConnectionOptions()).waitForCompletion(10_000);
        client.subscribe(Topics.deviceTree(device), 1).waitForCompletion(10_000);
        closing.add(() -> {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        });
        return messages;
    }

    private static String joined(List<String> messages) {
        return String.join("\n", messages);
    }

    /** A CA and a server certificate for 127.0.0.1 signed by it, made with openssl: {@code name.pem} is the CA. */
    private Path certificates(String name) throws Exception {
        Path ca = directory.resolve(name + ".pem");
        Path caKey = directory.resolve(name + ".key");
        Path key = directory.resolve(name + "-server.key");
        Path request = directory.resolve(name + "-server.csr");
        Path certificate = directory.resolve(name + "-server.pem");
        Path extensions = Files.writeString(directory.resolve(name + ".ext"), "subjectAltName=IP:127.0.0.1\n");
        openssl(
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-days",
                "2",
                "-subj",
                "/CN=" + name + " CA",
                "-keyout",
                caKey.toString(),
                "-out",
                ca.toString());
        openssl(
                "req",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                key.toString(),
                "-out",
                request.toString());
        openssl(
                "x509",
                "-req",
                "-in",
                request.toString(),
                "-CA",
                ca.toString(),
                "-CAkey",
                caKey.toString(),
                "-CAcreateserial",
                "-days",
                "2",
                "-extfile",
                extensions.toString(),
                "-out",
                certificate.toString());
        return ca;
    }

    private void openssl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("openssl.log").toFile())
                .start();
        assertThat(process.waitFor())
                .as("openssl " + arguments[0] + ", see openssl.log")
                .isZero();
    }
}
