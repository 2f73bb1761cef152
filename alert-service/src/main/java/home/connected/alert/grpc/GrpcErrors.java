package home.connected.alert.grpc;

import home.connected.access.ApiException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.grpc.server.exception.GrpcExceptionHandler;
import org.springframework.stereotype.Component;

/** Turns every exception an RPC throws into a status with a message for people, never a stack trace or SQL. */
@Component
class GrpcErrors implements GrpcExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GrpcErrors.class);

    @Override
    public StatusException handleException(Throwable exception) {
        if (exception instanceof ApiException api) {
            return Status.fromCode(api.code()).withDescription(api.getMessage()).asException();
        }
        if (exception instanceof StatusRuntimeException status) {
            return status.getStatus().asException();
        }
        if (exception instanceof StatusException status) {
            return status;
        }
        if (exception instanceof DataIntegrityViolationException) {
            log.info("refused a write that conflicts with existing data: {}", exception.getMessage());
            return Status.ALREADY_EXISTS
                    .withDescription("that conflicts with something that already exists; reload and try again")
                    .asException();
        }
        if (exception instanceof PessimisticLockingFailureException) {
            return Status.ABORTED
                    .withDescription("the data changed at the same time; try again")
                    .asException();
        }
        log.error("RPC failed", exception);
        return Status.INTERNAL
                .withDescription("internal error; the service logged the details")
                .asException();
    }
}
