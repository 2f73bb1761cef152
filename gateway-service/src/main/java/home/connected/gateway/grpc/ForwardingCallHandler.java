package home.connected.gateway.grpc;

import home.connected.access.AccessDecision;
import home.connected.access.AccessDecision.AccessRefused;
import home.connected.access.AccessRules;
import home.connected.access.AccessRules.Rule;
import home.connected.gateway.access.LoginRateLimiter;
import home.connected.gateway.backend.BackendCalls;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * Checks a native gRPC call like the REST routes are checked (the RPC's access rule, the caller's
 * token, the sign-in rate limit), then relays it to the backend message by message, with flow
 * control in both directions (after grpc-java's GrpcProxy example).
 */
final class ForwardingCallHandler implements ServerCallHandler<byte[], byte[]> {

    private final Channel backend;
    private final AccessDecision access;
    private final LoginRateLimiter rateLimiter;

    ForwardingCallHandler(Channel backend, AccessDecision access, LoginRateLimiter rateLimiter) {
        this.backend = backend;
        this.access = access;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> serverCall, Metadata headers) {
        String method = serverCall.getMethodDescriptor().getFullMethodName();
        String clientAddress = clientAddress(serverCall);
        Optional<Rule> rule = AccessRules.of(method);
        if (rule.isPresent() && rule.get().isPublic()) {
            Optional<Duration> wait = rateLimiter.acquire(clientAddress, method);
            if (wait.isPresent()) {
                return refuse(
                        serverCall,
                        Status.RESOURCE_EXHAUSTED.withDescription("too many sign-in attempts; try again in "
                                + Math.max(1, wait.get().toSeconds()) + " s"));
            }
        }
        try {
            if (access.decide(rule, headers.get(BackendCalls.AUTHORIZATION)).isEmpty()) {
                headers.discardAll(BackendCalls.AUTHORIZATION);
            }
        } catch (AccessRefused refused) {
            return refuse(serverCall, refused.status());
        }
        headers.discardAll(BackendCalls.FORWARDED_FOR);
        headers.put(BackendCalls.FORWARDED_FOR, clientAddress);

        CallOptions options = CallOptions.DEFAULT;
        if (Context.current().getDeadline() != null) {
            options = options.withDeadline(Context.current().getDeadline());
        }
        ClientCall<byte[], byte[]> clientCall = backend.newCall(serverCall.getMethodDescriptor(), options);
        Relay relay = new Relay(serverCall, clientCall);
        clientCall.start(relay.responses, headers);
        serverCall.request(1);
        clientCall.request(1);
        return relay.requests;
    }

    private static ServerCall.Listener<byte[]> refuse(ServerCall<byte[], byte[]> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {};
    }

    private static String clientAddress(ServerCall<?, ?> call) {
        SocketAddress address = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (address instanceof InetSocketAddress inet) {
            return inet.getAddress() == null
                    ? inet.getHostString()
                    : inet.getAddress().getHostAddress();
        }
        return "unknown";
    }

    /** Moves messages between the caller and the backend, asking for the next one only when the other side is ready. */
    private static final class Relay {

        final Requests requests;
        final Responses responses;

        Relay(ServerCall<byte[], byte[]> serverCall, ClientCall<byte[], byte[]> clientCall) {
            requests = new Requests(serverCall, clientCall);
            responses = new Responses(serverCall, clientCall);
        }

        private final class Requests extends ServerCall.Listener<byte[]> {

            private final ServerCall<byte[], byte[]> serverCall;
            private final ClientCall<byte[], byte[]> clientCall;
            private boolean needToRequest;

            Requests(ServerCall<byte[], byte[]> serverCall, ClientCall<byte[], byte[]> clientCall) {
                this.serverCall = serverCall;
                this.clientCall = clientCall;
            }

            @Override
            public void onCancel() {
                clientCall.cancel("the caller cancelled", null);
            }

            @Override
            public void onHalfClose() {
                clientCall.halfClose();
            }

            @Override
            public void onMessage(byte[] message) {
                clientCall.sendMessage(message);
                synchronized (this) {
                    if (clientCall.isReady()) {
                        serverCall.request(1);
                    } else {
                        needToRequest = true;
                    }
                }
            }

            @Override
            public void onReady() {
                responses.onServerReady();
            }

            synchronized void onClientReady() {
                if (needToRequest) {
                    serverCall.request(1);
                    needToRequest = false;
                }
            }
        }

        private final class Responses extends ClientCall.Listener<byte[]> {

            private final ServerCall<byte[], byte[]> serverCall;
            private final ClientCall<byte[], byte[]> clientCall;
            private boolean needToRequest;

            Responses(ServerCall<byte[], byte[]> serverCall, ClientCall<byte[], byte[]> clientCall) {
                this.serverCall = serverCall;
                this.clientCall = clientCall;
            }

            @Override
            public void onHeaders(Metadata headers) {
                serverCall.sendHeaders(headers);
            }

            @Override
            public void onMessage(byte[] message) {
                serverCall.sendMessage(message);
                synchronized (this) {
                    if (serverCall.isReady()) {
                        clientCall.request(1);
                    } else {
                        needToRequest = true;
                    }
                }
            }

            @Override
            public void onClose(Status status, Metadata trailers) {
                serverCall.close(status, trailers);
            }

            @Override
            public void onReady() {
                requests.onClientReady();
            }

            synchronized void onServerReady() {
                if (needToRequest) {
                    clientCall.request(1);
                    needToRequest = false;
                }
            }
        }
    }
}
