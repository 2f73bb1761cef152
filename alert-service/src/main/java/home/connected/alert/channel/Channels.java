package home.connected.alert.channel;

import home.connected.access.ApiException;
import home.connected.alert.SqlTime;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.Delivery;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, changing, reading and trying out channels. Answers never carry a secret: they list the
 * secret fields that are set in secrets_set.
 */
@Component
public class Channels {

    private final JdbcClient jdbc;
    private final ChannelStore store;
    private final ChannelValidator validator;
    private final ChannelTester tester;
    private final Clock clock;

    Channels(
            JdbcClient jdbc,
            ChannelStore store,
            ChannelValidator validator,
            ChannelTester tester,
            ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.validator = validator;
        this.tester = tester;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    public List<Channel> list() {
        return store.all().stream().map(ChannelStore.Stored::shown).toList();
    }

    public Channel get(String id) {
        return stored(id).shown();
    }

    public Channel create(Channel input) {
        if (!input.getId().isEmpty()) {
            throw ApiException.invalidArgument("id must be empty: the server assigns a channel's id");
        }
        Channel channel = validator.check(input).toBuilder()
                .setId(UUID.randomUUID().toString())
                .build();
        store.insert(channel, now());
        return get(channel.getId());
    }

    @Transactional
    public Channel update(Channel input) {
        ChannelStore.Stored stored = lockedStored(required(input.getId()));
        String kind = ChannelSecrets.kind(input);
        if (!kind.isEmpty() && !kind.equals(stored.kind())) {
            throw ApiException.failedPrecondition("a channel's kind cannot change (it is " + stored.kind() + ", not "
                    + kind + "); create a new channel instead");
        }
        Channel channel = validator.check(ChannelSecrets.keepStored(input, stored.secrets()));
        store.update(channel, now());
        return get(channel.getId());
    }

    @Transactional
    public void delete(String id) {
        lockedStored(required(id));
        List<String> users = jdbc.sql("SELECT r.name, r.id FROM alert_rule_channel rc JOIN alert_rule r ON r.id ="
                        + " rc.rule_id WHERE rc.channel_id = ? ORDER BY r.name FOR UPDATE")
                .param(id)
                .query((row, n) -> "\"" + row.getString("name") + "\" (" + row.getString("id") + ")")
                .list();
        if (!users.isEmpty()) {
            throw ApiException.failedPrecondition("channel " + id + " is used by the rules "
                    + users.stream().collect(Collectors.joining(", ")) + "; remove it from them first");
        }
        jdbc.sql("DELETE FROM alert_channel WHERE id = ?").param(id).update();
    }

    /** Sends a test notice through the channel now, once, and tells how it went. */
    public Delivery test(String id) {
        return tester.test(stored(required(id)));
    }

    private ChannelStore.Stored stored(String id) {
        return store.find(required(id)).orElseThrow(() -> notFound(id));
    }

    private ChannelStore.Stored lockedStored(String id) {
        if (jdbc.sql("SELECT id FROM alert_channel WHERE id = ? FOR UPDATE")
                .param(id)
                .query(String.class)
                .optional()
                .isEmpty()) {
            throw notFound(id);
        }
        return stored(id);
    }

    private LocalDateTime now() {
        return SqlTime.of(clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    private static String required(String id) {
        if (id.isEmpty()) {
            throw ApiException.invalidArgument("id is required");
        }
        return id;
    }

    private static ApiException notFound(String id) {
        String shown = id.length() > 64 || ChannelValidator.hasControl(id) ? "with that id" : id;
        return ApiException.notFound("no channel " + shown);
    }
}
