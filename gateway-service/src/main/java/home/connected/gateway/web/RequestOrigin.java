package home.connected.gateway.web;

import java.net.URI;
import java.util.Locale;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Where a request was sent to, as the browser saw it: a proxy in front of the gateway that ends
 * TLS says so in {@code X-Forwarded-Proto} and {@code X-Forwarded-Host}.
 */
public final class RequestOrigin {

    private RequestOrigin() {}

    /** Whether the browser reached us over TLS (here or at a proxy in front). */
    public static boolean isSecure(ServerHttpRequest request) {
        return scheme(request).equals("https");
    }

    /** {@code scheme://host[:port]}, the port left out when it is the scheme's default. */
    public static String of(ServerHttpRequest request) {
        String scheme = scheme(request);
        String forwardedHost = first(request.getHeaders().getFirst("X-Forwarded-Host"));
        String host = forwardedHost != null ? forwardedHost : hostOf(request.getURI());
        return normalise(scheme + "://" + host);
    }

    /**
     * An origin in the same form as {@link #of}, so that the two can be compared as strings;
     * empty for anything that is not an http(s) origin (such as {@code null}).
     */
    public static String normalise(String origin) {
        URI uri;
        try {
            uri = URI.create(origin.strip());
        } catch (IllegalArgumentException e) {
            return "";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            return "";
        }
        int port = uri.getPort();
        boolean defaultPort =
                port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static String scheme(ServerHttpRequest request) {
        String forwarded = first(request.getHeaders().getFirst("X-Forwarded-Proto"));
        String scheme = forwarded != null ? forwarded : request.getURI().getScheme();
        return scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
    }

    private static String hostOf(URI uri) {
        return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** The first of a proxy chain's comma-separated values (the one the browser's request set). */
    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).strip();
    }
}
