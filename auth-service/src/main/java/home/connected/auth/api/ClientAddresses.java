package home.connected.auth.api;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The address a call comes from: the TCP peer, or — only when the peer is one of the configured
 * trusted proxies (the gateway) — the last entry of the {@code x-forwarded-for} metadata the
 * proxy set. A client talking to auth-service directly cannot choose its address this way.
 */
@Component
class ClientAddresses {

    static final Metadata.Key<String> FORWARDED_FOR =
            Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER);
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    private final Set<String> trustedProxies;

    ClientAddresses(Properties properties) {
        this.trustedProxies = Arrays.stream(properties.trustedProxies().split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    String of(ServerCall<?, ?> call, Metadata headers) {
        String peer = peerAddress(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        String forwarded = headers.get(FORWARDED_FOR);
        if (forwarded == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        String last = hops[hops.length - 1].strip();
        return IP_LITERAL.matcher(last).matches() ? last : peer;
    }

    private static String peerAddress(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "unknown";
    }

    @ConfigurationProperties("ch.auth.client-address")
    record Properties(String trustedProxies) {
        Properties {
            trustedProxies = trustedProxies == null ? "" : trustedProxies;
        }
    }
}
