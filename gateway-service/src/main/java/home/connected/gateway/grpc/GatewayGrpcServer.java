package home.connected.gateway.grpc;

import home.connected.access.AccessDecision;
import home.connected.gateway.GatewayProperties;
import home.connected.gateway.access.LoginRateLimiter;
import home.connected.gateway.backend.Backends;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/** The gateway's native gRPC port: every call is checked and forwarded to the backend owning its service. */
@Component
public class GatewayGrpcServer implements SmartLifecycle {

    private final GatewayProperties.Grpc config;
    private final ForwardingRegistry registry;
    private volatile Server server;

    GatewayGrpcServer(
            GatewayProperties properties, Backends backends, AccessDecision access, LoginRateLimiter rateLimiter) {
        this.config = properties.grpc();
        this.registry = new ForwardingRegistry(backends, access, rateLimiter);
    }

    @Override
    public void start() {
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(config.address(), config.port()))
                    .fallbackHandlerRegistry(registry)
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the gRPC port " + config.port(), e);
        }
    }

    @Override
    public void stop() {
        Server running = server;
        if (running != null) {
            running.shutdown();
            try {
                if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                    running.shutdownNow();
                }
            } catch (InterruptedException e) {
                running.shutdownNow();
                Thread.currentThread().interrupt();
            }
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The bound port (differs from the configured one when that is 0). */
    public int port() {
        return server.getPort();
    }
}
