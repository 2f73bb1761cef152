package home.connected.ingest;

import home.connected.testing.ActuatorProbes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

class IngestServiceApplicationTest extends IngestSpringTest {

    @LocalServerPort
    int port;

    @Test
    void servesProbesAndMetrics() {
        awaitReady(port);
        ActuatorProbes.assertLiveReadyAndScraped(port, "ingest-service");
    }
}
