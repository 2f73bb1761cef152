package home.connected.alert.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.EmailChannel;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;

/**
 * Email over STARTTLS with a login, against a real SMTP server (SubEthaSMTP) that refuses
 * everything but EHLO and STARTTLS on the plain connection and asks for AUTH after it — the
 * settings of a mail provider's submission port (587). Its certificate is made here by the JDK's
 * keytool for 127.0.0.1; the client trusts only that certificate.
 */
class EmailStartTlsTest {

    private static final String PASSWORD = "keystore-secret";

    @TempDir
    static Path directory;

    private static KeyStore serverKeys;
    private static KeyStore trusted;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private SMTPServer server;

    private record Received(String from, String to, byte[] data, boolean overTls) {}

    @BeforeAll
    static void certificate() throws Exception {
        Path keystore = directory.resolve("smtp.p12");
        Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "smtp",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        PASSWORD)
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("keytool.log").toFile())
                .start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue())
                .as(Files.readString(directory.resolve("keytool.log")))
                .isZero();
        serverKeys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            serverKeys.load(in, PASSWORD.toCharArray());
        }
        trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("smtp", serverKeys.getCertificate("smtp"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void sendsOverStartTlsAfterLoggingIn() throws Exception {
        start();

        DeliveryOutcome outcome = deliverer("alerts", "s3cret").deliver(channel(), Notices.firing());

        assertThat(outcome.delivered()).as(outcome.error()).isTrue();
        assertThat(received).hasSize(1);
        Received mail = received.get(0);
        assertThat(mail.overTls()).isTrue();
        assertThat(mail.from()).isEqualTo("alerts@home.example");
        assertThat(mail.to()).isEqualTo("anna@home.example");
        MimeMessage message = new MimeMessage(
                jakarta.mail.Session.getInstance(new Properties()), new ByteArrayInputStream(mail.data()));
        assertThat(message.getSubject()).isEqualTo("Freezer: " + Notices.HOSTILE + " is firing");
    }

    @Test
    void aRefusedLoginIsReportedAndNotRetried() throws Exception {
        start();

        DeliveryOutcome outcome = deliverer("alerts", "wrong").deliver(channel(), Notices.firing());

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.retryable()).isFalse();
        assertThat(outcome.error()).contains("refused the login");
        assertThat(received).isEmpty();
    }

    private void start() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverKeys, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("127.0.0.1")
                .requireTLS()
                .startTlsSocketFactory(tls)
                .requireAuth()
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!user.equals("alerts") || !password.equals("s3cret")) {
                        throw new org.subethamail.smtp.auth.LoginFailedException();
                    }
                }))
                .messageHandler((context, from, to, data) -> received.add(
                        new Received(from, to, data, context instanceof Session session && session.isTLSStarted())))
                .build();
        server.start();
    }

    private static Channel channel() {
        return Channel.newBuilder()
                .setEmail(EmailChannel.newBuilder().addTo("anna@home.example"))
                .build();
    }

    /** The properties of application.yml (STARTTLS required), trusting only the test's certificate. */
    private Deliverer deliverer(String user, String password) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, trust.getTrustManagers(), null);
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(server.getPortAllocated());
        sender.setUsername(user);
        sender.setPassword(password);
        Properties properties = new Properties();
        properties.put("mail.smtp.auth", "true");
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
        properties.put("mail.smtp.ssl.socketFactory", client.getSocketFactory());
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        properties.put("mail.smtp.connectiontimeout", "5000");
        properties.put("mail.smtp.timeout", "5000");
        sender.setJavaMailProperties(properties);
        return Notices.deliverer(sender);
    }
}
