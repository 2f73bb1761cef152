package home.connected.auth.grpc;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * One IP address or CIDR range ({@code 10.0.0.7}, {@code 10.244.0.0/16}, {@code fd00::/8}).
 * Only literals are accepted: a host name would mean a DNS lookup at every call.
 */
record AddressRange(byte[] network, int prefixLength) {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f.:]{2,45}");

    static AddressRange parse(String text) {
        String[] parts = text.strip().split("/", 2);
        if (!LITERAL.matcher(parts[0]).matches()) {
            throw new IllegalArgumentException("not an IP address or CIDR range: " + text);
        }
        byte[] network = literal(parts[0], text);
        int bits = network.length * 8;
        int prefix;
        try {
            prefix = parts.length == 1 ? bits : Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CIDR prefix length: " + text);
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("CIDR prefix length out of range: " + text);
        }
        return new AddressRange(network, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        int fullBytes = prefixLength / 8;
        for (int i = 0; i < fullBytes; i++) {
            if (candidate[i] != network[i]) {
                return false;
            }
        }
        int restBits = prefixLength % 8;
        if (restBits == 0) {
            return true;
        }
        int mask = 0xFF << (8 - restBits) & 0xFF;
        return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
    }

    private static byte[] literal(String address, String text) {
        try {
            // A literal (checked above) never triggers a name lookup.
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + text);
        }
    }
}
