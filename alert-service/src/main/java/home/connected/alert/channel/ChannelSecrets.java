package home.connected.alert.channel;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import home.connected.contracts.alert.v1.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which fields of a channel are secret, and splitting a channel into its settings (stored as they
 * are) and its secrets (stored encrypted), and back.
 */
final class ChannelSecrets {

    /** Per kind (the name of the Channel.target field), its secret fields. */
    static final Map<String, Set<String>> FIELDS = Map.of(
            "slack", Set.of("webhook_url"),
            "webhook", Set.of("secret"),
            "alertmanager", Set.of("bearer_token"),
            "ntfy", Set.of("token"),
            "telegram", Set.of("bot_token"),
            "discord", Set.of("webhook_url"),
            "gotify", Set.of("app_token"),
            "pushover", Set.of("user_key", "app_token"));

    private ChannelSecrets() {}

    /** email, slack, webhook, ... (empty when no kind is set). */
    static String kind(Channel channel) {
        FieldDescriptor target = targetField(channel);
        return target == null ? "" : target.getName();
    }

    /** The channel without its secret fields (and with no secrets_set). */
    static Channel withoutSecrets(Channel channel) {
        return split(channel, false);
    }

    /** A channel holding only the kind and its secret fields. */
    static Channel onlySecrets(Channel channel) {
        return split(channel, true);
    }

    /** The secret fields of {@code secrets} that are set, e.g. ["webhook_url"]. */
    static List<String> setNames(Channel secrets) {
        FieldDescriptor target = targetField(secrets);
        List<String> names = new ArrayList<>();
        if (target == null) {
            return names;
        }
        Message settings = (Message) secrets.getField(target);
        for (FieldDescriptor field : settings.getDescriptorForType().getFields()) {
            if (isSecret(target, field) && !((String) settings.getField(field)).isEmpty()) {
                names.add(field.getName());
            }
        }
        return names;
    }

    /**
     * {@code channel} with each secret field it leaves empty taken from {@code stored} (of the same
     * kind): an update that leaves a secret empty keeps it.
     */
    static Channel keepStored(Channel channel, Channel stored) {
        FieldDescriptor target = targetField(channel);
        if (target == null || !target.equals(targetField(stored))) {
            return channel;
        }
        Message.Builder settings = ((Message) channel.getField(target)).toBuilder();
        Message storedSettings = (Message) stored.getField(target);
        for (FieldDescriptor field : settings.getDescriptorForType().getFields()) {
            if (isSecret(target, field) && ((String) settings.getField(field)).isEmpty()) {
                settings.setField(field, storedSettings.getField(field));
            }
        }
        return channel.toBuilder().setField(target, settings.build()).build();
    }

    /** The settings with the secrets filled in. */
    static Channel merge(Channel settings, Channel secrets) {
        return keepStored(settings, secrets);
    }

    static boolean isSecret(FieldDescriptor target, FieldDescriptor field) {
        return FIELDS.getOrDefault(target.getName(), Set.of()).contains(field.getName());
    }

    static FieldDescriptor targetField(Channel channel) {
        if (channel.getTargetCase() == Channel.TargetCase.TARGET_NOT_SET) {
            return null;
        }
        return Channel.getDescriptor().findFieldByNumber(channel.getTargetCase().getNumber());
    }

    private static Channel split(Channel channel, boolean keepSecrets) {
        FieldDescriptor target = targetField(channel);
        if (target == null) {
            return keepSecrets
                    ? Channel.getDefaultInstance()
                    : channel.toBuilder().clearSecretsSet().build();
        }
        Message.Builder settings = ((Message) channel.getField(target)).toBuilder();
        for (FieldDescriptor field : settings.getDescriptorForType().getFields()) {
            if (isSecret(target, field) != keepSecrets) {
                settings.clearField(field);
            }
        }
        if (keepSecrets) {
            return Channel.newBuilder().setField(target, settings.build()).build();
        }
        return channel.toBuilder()
                .clearSecretsSet()
                .setField(target, settings.build())
                .build();
    }
}
