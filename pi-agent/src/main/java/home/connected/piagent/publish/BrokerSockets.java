package home.connected.piagent.publish;

import home.connected.piagent.config.AgentConfig.Broker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The sockets to reach the broker with: TLS trusting the configured CA, or the URL's default. */
public final class BrokerSockets {

    private BrokerSockets() {}

    /** Null for {@code tcp://}, and for {@code ssl://} without a CA file (the JVM's trust store then). */
    public static SocketFactory forBroker(Broker broker) throws IOException, GeneralSecurityException {
        if (!broker.tls() || broker.caFile() == null) {
            return null;
        }
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(broker.caFile())) {
            int i = 0;
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new GeneralSecurityException(broker.caFile() + " holds no certificate");
            }
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        return tls.getSocketFactory();
    }
}
