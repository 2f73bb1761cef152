package home.connected.auth.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses addresses =
            new ClientAddresses(new ClientAddresses.Properties("10.1.0.5, 10.1.0.6, 10.244.0.0/16, fd00::/8"));

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
    void aProxyWithinATrustedRangeIsBelievedAndOneJustOutsideIsNot() {
        assertThat(addresses.of(callFrom("10.244.255.254"), forwardedFor("203.0.113.9")))
                .isEqualTo("203.0.113.9");
        assertThat(addresses.of(callFrom("10.245.0.1"), forwardedFor("203.0.113.9")))
                .isEqualTo("10.245.0.1");
        assertThat(addresses.of(callFrom("fd12:3456::1"), forwardedFor("2001:db8::7")))
                .isEqualTo("2001:db8::7");
        assertThat(addresses.of(callFrom("2001:db8::1"), forwardedFor("203.0.113.9")))
                .isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void rangesOnOddBitBoundariesAndBadSettings() {
        AddressRange range = AddressRange.parse("192.168.4.0/22");
        assertThat(range.contains(address("192.168.7.255"))).isTrue();
        assertThat(range.contains(address("192.168.8.0"))).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(address("198.51.100.1")))
                .isTrue();
        assertThat(new ClientAddresses(new ClientAddresses.Properties("127.0.0.0/8,::1"))
                        .of(callFrom("::1"), forwardedFor("203.0.113.9")))
                .as("the default setting")
                .isEqualTo("203.0.113.9");
        assertThatThrownBy(() -> AddressRange.parse("gateway.local")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aForwardedValueThatIsNoAddressIsIgnored() {
        assertThat(addresses.of(callFrom("10.1.0.5"), forwardedFor("evil.example.com; DROP")))
                .isEqualTo("10.1.0.5");
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
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
