package home.connected.gateway.backend;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.protobuf.ProtoUtils;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Messages passed on as their serialised bytes, neither parsed nor built. */
public final class RawMessages {

    public static final MethodDescriptor.Marshaller<byte[]> MARSHALLER = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private RawMessages() {}

    /** The RPC called with a request built at run time, its answers left serialised. */
    public static MethodDescriptor<DynamicMessage, byte[]> method(Descriptors.MethodDescriptor rpc) {
        return MethodDescriptor.newBuilder(
                        ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(rpc.getInputType())), MARSHALLER)
                .setType(typeOf(rpc))
                .setFullMethodName(
                        MethodDescriptor.generateFullMethodName(rpc.getService().getFullName(), rpc.getName()))
                .build();
    }

    private static MethodType typeOf(Descriptors.MethodDescriptor rpc) {
        if (rpc.isClientStreaming()) {
            return rpc.isServerStreaming() ? MethodType.BIDI_STREAMING : MethodType.CLIENT_STREAMING;
        }
        return rpc.isServerStreaming() ? MethodType.SERVER_STREAMING : MethodType.UNARY;
    }
}
