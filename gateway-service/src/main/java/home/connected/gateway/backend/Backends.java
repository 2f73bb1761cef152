package home.connected.gateway.backend;

import home.connected.gateway.Contracts;
import home.connected.gateway.GatewayProperties;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** One plaintext channel per configured backend; a service is served by the backend of its package. */
@Component
public class Backends implements AutoCloseable {

    private final Map<String, ManagedChannel> channels = new HashMap<>();

    Backends(GatewayProperties properties) {
        properties
                .backends()
                .forEach((name, target) -> channels.put(
                        name,
                        NettyChannelBuilder.forTarget(target).usePlaintext().build()));
    }

    /** @param serviceFullName e.g. {@code home.connected.query.v1.QueryService} */
    public Optional<ManagedChannel> forService(String serviceFullName) {
        return Optional.ofNullable(channels.get(Contracts.backendOf(serviceFullName)));
    }

    @Override
    public void close() throws InterruptedException {
        channels.values().forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : channels.values()) {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        }
    }
}
