package home.connected.testing;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;

/**
 * Remembers the port the gRPC server bound to, for tests that start it on port 0. Use with
 * {@code @Import(GrpcServerPort.class)}.
 */
@TestComponent
public class GrpcServerPort {

    private volatile int port = -1;

    @EventListener
    void onStarted(GrpcServerStartedEvent event) {
        port = event.getPort();
    }

    public int get() {
        if (port < 0) {
            throw new IllegalStateException("the gRPC server has not started");
        }
        return port;
    }

    /** Asks the standard gRPC health service for the server's overall status. */
    public HealthCheckResponse.ServingStatus overallHealth() {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", get())
                .usePlaintext()
                .build();
        try {
            return HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance())
                    .getStatus();
        } finally {
            channel.shutdownNow();
        }
    }
}
