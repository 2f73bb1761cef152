package home.connected.alert.delivery;

import home.connected.contracts.alert.v1.Channel;
import org.springframework.stereotype.Component;

/**
 * Sends one notice through one channel, once (retries are the dispatcher's): picks the sender of
 * the channel's kind, renders the texts with that kind's escaping, and reports the outcome.
 */
@Component
public class Deliverer {

    /** @param channel with its secrets filled in */
    public DeliveryOutcome deliver(Channel channel, Notice notice) {
        throw new UnsupportedOperationException("not built yet");
    }
}
