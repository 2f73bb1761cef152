package home.connected.gateway;

import home.connected.testing.ActuatorProbes;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayServiceApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void servesProbesAndMetrics() {
        ActuatorProbes.assertLiveReadyAndScraped(port, "gateway-service");
    }
}
