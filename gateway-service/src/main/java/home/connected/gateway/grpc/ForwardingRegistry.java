package home.connected.gateway.grpc;

import home.connected.access.AccessDecision;
import home.connected.gateway.access.LoginRateLimiter;
import home.connected.gateway.backend.Backends;
import home.connected.gateway.backend.RawMessages;
import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;

/**
 * Takes any method of a service a backend serves and forwards it there as raw bytes, so every RPC
 * (unary or streaming) of the contracts is reachable through the gateway without gateway code.
 */
final class ForwardingRegistry extends HandlerRegistry {

    private final Backends backends;
    private final AccessDecision access;
    private final LoginRateLimiter rateLimiter;

    ForwardingRegistry(Backends backends, AccessDecision access, LoginRateLimiter rateLimiter) {
        this.backends = backends;
        this.access = access;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
        String service = MethodDescriptor.extractFullServiceName(methodName);
        if (service == null) {
            return null;
        }
        return backends.forService(service)
                .map(channel -> ServerMethodDefinition.create(
                        MethodDescriptor.newBuilder(RawMessages.MARSHALLER, RawMessages.MARSHALLER)
                                .setFullMethodName(methodName)
                                .setType(MethodDescriptor.MethodType.UNKNOWN)
                                .build(),
                        new ForwardingCallHandler(channel, access, rateLimiter)))
                .orElse(null);
    }
}
