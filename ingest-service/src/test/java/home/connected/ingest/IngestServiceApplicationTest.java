package home.connected.ingest;

import home.connected.testing.ActuatorProbes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestServiceApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void servesProbesAndMetrics() {
        ActuatorProbes.assertLiveReadyAndScraped(port, "ingest-service");
    }
}
