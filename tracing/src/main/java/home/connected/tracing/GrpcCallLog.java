package home.connected.tracing;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One DEBUG line per gRPC call this service answers: the method, its status and how long it took, with the
 * call's trace and span ids; a call the client ended first (a live stream whose reader left) as CANCELLED.
 * Off unless the logger {@code home.connected.tracing.GrpcCallLog} is at DEBUG, and then nothing is done
 * per call.
 *
 * <p>It runs inside Spring gRPC's observation interceptor, where the MDC holds the ids of the call's span;
 * they are kept for the line written when the call closes, on whichever thread closes it.
 */
public final class GrpcCallLog implements ServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(GrpcCallLog.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!log.isDebugEnabled()) {
            return next.startCall(call, headers);
        }
        Map<String, String> callContext = MDC.getCopyOfContextMap();
        String method = call.getMethodDescriptor().getFullMethodName();
        long started = System.nanoTime();
        AtomicBoolean ended = new AtomicBoolean();
        ServerCall.Listener<Q> listener = next.startCall(
                new SimpleForwardingServerCall<>(call) {
                    @Override
                    public void close(Status status, Metadata trailers) {
                        if (ended.compareAndSet(false, true)) {
                            written(callContext, method, status, started);
                        }
                        super.close(status, trailers);
                    }
                },
                headers);
        return new SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onCancel() {
                if (ended.compareAndSet(false, true)) {
                    written(callContext, method, Status.CANCELLED, started);
                }
                super.onCancel();
            }
        };
    }

    private static void written(Map<String, String> callContext, String method, Status status, long started) {
        long nanos = System.nanoTime() - started;
        Map<String, String> previous = MDC.getCopyOfContextMap();
        setContext(callContext);
        try {
            log.atDebug()
                    .addKeyValue("rpc.method", method)
                    .addKeyValue("rpc.status", status.getCode().name())
                    .addKeyValue("event.duration", nanos)
                    .log("{} {} in {} ms", method, status.getCode(), TimeUnit.NANOSECONDS.toMillis(nanos));
        } finally {
            setContext(previous);
        }
    }

    private static void setContext(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }
}
