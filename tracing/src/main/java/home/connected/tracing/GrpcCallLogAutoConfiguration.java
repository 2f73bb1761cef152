package home.connected.tracing;

import io.grpc.ServerInterceptor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.grpc.server.GlobalServerInterceptor;

/**
 * The {@link GrpcCallLog} on every service a Spring gRPC server serves. Spring gRPC's observation
 * interceptor, which opens the call's span, has order 0 too; this one is registered after it and so runs
 * inside it, and before the services' own interceptors (the token check), so refused calls are logged too.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.grpc.server.autoconfigure.GrpcServerObservationAutoConfiguration")
@ConditionalOnClass({GlobalServerInterceptor.class, ServerInterceptor.class})
public final class GrpcCallLogAutoConfiguration {

    @Bean
    @GlobalServerInterceptor
    @Order(0)
    GrpcCallLog grpcCallLog() {
        return new GrpcCallLog();
    }
}
