package home.connected.alert.channel;

import home.connected.contracts.alert.v1.Channel;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The channels in MariaDB, for the dispatcher: with their secrets decrypted. */
@Component
public class ChannelStore {

    public Optional<Channel> withSecrets(String channelId) {
        throw new UnsupportedOperationException("not built yet");
    }
}
