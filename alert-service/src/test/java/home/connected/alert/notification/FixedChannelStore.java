package home.connected.alert.notification;

import home.connected.alert.channel.ChannelStore;
import home.connected.contracts.alert.v1.Channel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The channels the test defines (stands in for the real ChannelStore until that one is merged). */
class FixedChannelStore extends ChannelStore {

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();

    void put(Channel channel) {
        channels.put(channel.getId(), channel);
    }

    void clear() {
        channels.clear();
    }

    @Override
    public Optional<Channel> withSecrets(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }
}
