package home.connected.alert.channel;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import home.connected.contracts.alert.v1.Channel;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The channels in MariaDB: settings as proto JSON without the secret fields, secrets as the
 * encrypted proto JSON of a channel holding only those. For the dispatcher: with their secrets
 * decrypted.
 */
@Component
public class ChannelStore {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final String COLUMNS = "SELECT id, name, settings, secrets FROM alert_channel";

    private final JdbcClient jdbc;
    private final SecretCipher cipher;

    public ChannelStore(JdbcClient jdbc, SecretCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** The channel with its secret fields filled in: for sending only, never for an API answer. */
    public Optional<Channel> withSecrets(String channelId) {
        return find(channelId).map(Stored::withSecrets);
    }

    Optional<Stored> find(String channelId) {
        return jdbc.sql(COLUMNS + " WHERE id = ?")
                .param(channelId)
                .query((row, n) -> stored(
                        row.getString("id"), row.getString("name"), row.getString("settings"), row.getBytes("secrets")))
                .optional();
    }

    List<Stored> all() {
        return jdbc.sql(COLUMNS + " ORDER BY name, id")
                .query((row, n) -> stored(
                        row.getString("id"), row.getString("name"), row.getString("settings"), row.getBytes("secrets")))
                .list();
    }

    /** @param channel with its id set and its secrets */
    void insert(Channel channel, LocalDateTime now) {
        jdbc.sql("INSERT INTO alert_channel (id, name, kind, settings, secrets, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        channel.getId(),
                        channel.getName(),
                        ChannelSecrets.kind(channel),
                        json(ChannelSecrets.withoutSecrets(channel)),
                        sealedSecrets(channel),
                        now,
                        now)
                .update();
    }

    /** @param channel with its id set and its secrets (the stored ones where the update left them empty) */
    void update(Channel channel, LocalDateTime now) {
        jdbc.sql("UPDATE alert_channel SET name = ?, settings = ?, secrets = ?, updated_at = ? WHERE id = ?")
                .params(
                        channel.getName(),
                        json(ChannelSecrets.withoutSecrets(channel)),
                        sealedSecrets(channel),
                        now,
                        channel.getId())
                .update();
    }

    private byte[] sealedSecrets(Channel channel) {
        Channel secrets = ChannelSecrets.onlySecrets(channel);
        if (ChannelSecrets.setNames(secrets).isEmpty()) {
            return null;
        }
        return cipher.seal(json(secrets).getBytes(StandardCharsets.UTF_8), channel.getId());
    }

    private Stored stored(String id, String name, String settingsJson, byte[] sealed) {
        Channel settings =
                parse(id, settingsJson).toBuilder().setId(id).setName(name).build();
        Channel secrets = sealed == null
                ? Channel.getDefaultInstance()
                : parse(id, new String(cipher.open(sealed, id), StandardCharsets.UTF_8));
        return new Stored(settings, secrets);
    }

    private static String json(Channel channel) {
        try {
            return PRINTER.print(channel);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("could not write a channel as JSON", e);
        }
    }

    private static Channel parse(String id, String json) {
        Channel.Builder channel = Channel.newBuilder();
        try {
            PARSER.merge(json, channel);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("channel " + id + " has unreadable settings", e);
        }
        return channel.build();
    }

    /** A stored channel: its settings (no secrets) and its secrets (only those). */
    record Stored(Channel settings, Channel secrets) {

        String id() {
            return settings.getId();
        }

        String kind() {
            return ChannelSecrets.kind(settings);
        }

        /** What the API shows: no secret, but which ones are set. */
        Channel shown() {
            return settings.toBuilder()
                    .clearSecretsSet()
                    .addAllSecretsSet(ChannelSecrets.setNames(secrets))
                    .build();
        }

        Channel withSecrets() {
            return ChannelSecrets.merge(settings, secrets);
        }
    }
}
