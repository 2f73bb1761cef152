package home.connected.alert.delivery;

import org.springframework.stereotype.Component;

/**
 * Which URLs a channel may send to: http and https only, and never link-local or cloud-metadata
 * addresses unless ch.alert.delivery.allow-link-local (a channel must not be a way to probe the
 * cluster). Checked when a channel is saved and again, on the resolved addresses, at every send.
 */
@Component
public class TargetAddresses {

    /** Null when the URL may be used, otherwise why not, for a person (names the field). */
    public String problem(String field, String url) {
        throw new UnsupportedOperationException("not built yet");
    }
}
