package home.connected.alert.delivery;

import home.connected.alert.AlertProperties;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Which URLs a channel may send to: http and https only, and never link-local or cloud-metadata
 * addresses unless ch.alert.delivery.allow-link-local (a channel must not be a way to probe the
 * cluster). Checked when a channel is saved and again, on the resolved addresses, at every send.
 * Loopback and private LAN addresses are fine: home users run ntfy or Gotify on their own network.
 */
@Component
public class TargetAddresses {

    private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata");
    private static final Set<String> METADATA_ADDRESSES = Set.of("169.254.169.254", "fd00:ec2:0:0:0:0:0:254");
    /** Address literals, which can be checked without asking DNS. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final boolean allowLinkLocal;

    @Autowired
    public TargetAddresses(AlertProperties properties) {
        this(properties.delivery().allowLinkLocal());
    }

    TargetAddresses(boolean allowLinkLocal) {
        this.allowLinkLocal = allowLinkLocal;
    }

    /**
     * Null when the URL may be used, otherwise why not, for a person (names the field, never
     * repeats the URL: it may carry a token). Asks no DNS: a literal address is checked at once,
     * a host name's addresses at send time ({@link #problemAtSend}).
     */
    public String problem(String field, String url) {
        if (url == null || url.isBlank()) {
            return field + " is required";
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            return field + " is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return field + " must be an http or https URL";
        }
        String host = host(uri);
        if (host.isEmpty()) {
            return field + " must name a host";
        }
        if (allowLinkLocal) {
            return null;
        }
        if (METADATA_HOSTS.contains(host)) {
            return refusedMetadata(field);
        }
        boolean ipv6 = host.contains(":");
        if (ipv6 || IPV4.matcher(host).matches()) {
            InetAddress address;
            try {
                // Brackets make the JDK parse an IPv6 literal or fail, never ask DNS.
                address = InetAddress.getByName(ipv6 ? "[" + host + "]" : host);
            } catch (UnknownHostException e) {
                return field + " has an address that is not valid";
            }
            return addressProblem(field, address);
        }
        return null;
    }

    /**
     * {@link #problem} plus every address the host resolves to now, so a DNS name cannot point a
     * channel at a refused address.
     *
     * @throws UnknownHostException when the host does not resolve (worth trying again later)
     */
    String problemAtSend(String field, String url) throws UnknownHostException {
        String problem = problem(field, url);
        if (problem != null || allowLinkLocal) {
            return problem;
        }
        for (InetAddress address : InetAddress.getAllByName(host(URI.create(url.strip())))) {
            String refused = addressProblem(field, address);
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return "";
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static String addressProblem(String field, InetAddress address) {
        InetAddress checked = embeddedIpv4(address);
        if (METADATA_ADDRESSES.contains(checked.getHostAddress().replaceFirst("%.*$", ""))) {
            return refusedMetadata(field);
        }
        if (checked.isLinkLocalAddress()) {
            return field + " points to a link-local address, which is refused"
                    + " (ch.alert.delivery.allow-link-local allows it)";
        }
        return null;
    }

    /** The IPv4 address inside an IPv4-compatible or NAT64 (64:ff9b::/96) IPv6 address. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return address;
        }
        byte[] bytes = v6.getAddress();
        boolean nat64 = bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b;
        boolean zeros = true;
        for (int i = 4; i < 12; i++) {
            zeros &= bytes[i] == 0;
        }
        if ((nat64 && zeros) || v6.isIPv4CompatibleAddress()) {
            try {
                return Inet4Address.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
            } catch (UnknownHostException e) {
                return address;
            }
        }
        return address;
    }

    private static String refusedMetadata(String field) {
        return field + " points to a cloud metadata address, which is refused"
                + " (ch.alert.delivery.allow-link-local allows it)";
    }
}
