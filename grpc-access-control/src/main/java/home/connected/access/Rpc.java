package home.connected.access;

import io.grpc.stub.StreamObserver;
import java.util.function.Supplier;

/** Unary RPC plumbing: exceptions propagate to {@link GrpcErrors}. */
public final class Rpc {

    private Rpc() {}

    public static <T> void answer(StreamObserver<T> response, Supplier<T> work) {
        response.onNext(work.get());
        response.onCompleted();
    }
}
