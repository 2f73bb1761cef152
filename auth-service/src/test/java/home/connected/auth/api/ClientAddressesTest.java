package home.connected.auth.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(new ClientAddresses.Properties("10.1.0.5, 10.1.0.6"));

    @Test
    void aDirectClientIsItsPeerAddressWhateverItClaims() {
        assertThat(addresses.of(callFrom("192.0.2.7"), forwardedFor("203.0.113.9")))
                .isEqualTo("192.0.2.7");
    }

    @Test
    void behindATrustedProxyTheLastForwardedHopCounts() {
        assertThat(addresses.of(callFrom("10.1.0.6"), forwardedFor("198.51.100.1, 203.0.113.9")))
                .isEqualTo("203.0.113.9");
        assertThat(addresses.of(callFrom("10.1.0.5"), new Metadata())).isEqualTo("10.1.0.5");
    }

    @Test
    void aForwardedValueThatIsNoAddressIsIgnored() {
        assertThat(addresses.of(callFrom("10.1.0.5"), forwardedFor("evil.example.com; DROP")))
                .isEqualTo("10.1.0.5");
    }

    private static Metadata forwardedFor(String value) {
        Metadata headers = new Metadata();
        headers.put(ClientAddresses.FORWARDED_FOR, value);
        return headers;
    }

    private static ServerCall<Object, Object> callFrom(String peer) {
        Attributes attributes = Attributes.newBuilder()
                .set(Grpc.TRANSPORT_ATTR_REMOTE_ADDR, new InetSocketAddress(peer, 40000))
                .build();
        return new ServerCall<>() {
            @Override
            public Attributes getAttributes() {
                return attributes;
            }

            @Override
            public void request(int numMessages) {}

            @Override
            public void sendHeaders(Metadata headers) {}

            @Override
            public void sendMessage(Object message) {}

            @Override
            public void close(Status status, Metadata trailers) {}

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public MethodDescriptor<Object, Object> getMethodDescriptor() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
