package home.connected.auth.grpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The address a call comes from: the TCP peer, or — only when the peer is within the configured
 * trusted proxies (the gateway; addresses or CIDR ranges) — the last entry of the
 * {@code x-forwarded-for} metadata the proxy set. A client talking to auth-service directly cannot
 * choose its address this way.
 */
@Component
class ClientAddresses {

    static final Metadata.Key<String> FORWARDED_FOR =
            Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER);
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private final List<AddressRange> trustedProxies;

    ClientAddresses(Properties properties) {
        this.trustedProxies = Arrays.stream(properties.trustedProxies().split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(AddressRange::parse)
                .toList();
    }

    String of(ServerCall<?, ?> call, Metadata headers) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return "unknown";
        }
        InetAddress peer = inet.getAddress();
        String forwarded = headers.get(FORWARDED_FOR);
        if (forwarded == null || trustedProxies.stream().noneMatch(range -> range.contains(peer))) {
            return peer.getHostAddress();
        }
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].strip();
        return IP_LITERAL.matcher(last).matches() ? last : peer.getHostAddress();
    }

    @ConfigurationProperties("ch.auth.client-address")
    record Properties(String trustedProxies) {
        Properties {
            trustedProxies = trustedProxies == null ? "" : trustedProxies;
        }
    }
}
