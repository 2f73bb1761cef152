package home.connected.query.grpc;

import home.connected.query.influx.InfluxUnavailableException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.stereotype.Component;

/** Every failure of an RPC as a status with a message for people: never a stack trace, never InfluxDB's own text. */
@Component
class GrpcErrors implements GrpcExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

    @Override
    public StatusException handleException(Throwable exception) {
        if (exception instanceof InvalidArgumentException invalid) {
            return Status.INVALID_ARGUMENT.withDescription(invalid.getMessage()).asException();
        }
        if (exception instanceof InfluxUnavailableException) {
            return Status.UNAVAILABLE
                    .withDescription("the readings store is not reachable; try again shortly")
                    .asException();
        }
        if (exception instanceof StatusRuntimeException status) {
            return status.getStatus().asException();
        }
        if (exception instanceof StatusException status) {
            return status;
        }
        log.error("RPC failed", exception);
        return Status.INTERNAL
                .withDescription("internal error; the service logged the details")
                .asException();
    }
}
