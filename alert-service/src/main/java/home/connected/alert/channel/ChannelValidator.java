package home.connected.alert.channel;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import home.connected.access.ApiException;
import home.connected.alert.delivery.TargetAddresses;
import home.connected.contracts.alert.v1.Channel;
import home.connected.contracts.alert.v1.EmailChannel;
import home.connected.contracts.alert.v1.QuietHours;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Refuses a channel with any bad field, naming the field. It sees the channel as it would be
 * stored: on an update, with the stored secrets where the update left them empty.
 */
@Component
class ChannelValidator {

    static final int MAX_NAME = 100;
    static final int MAX_FIELD = 2000;
    static final int MAX_RECIPIENTS = 10;
    static final int MAX_PER_MINUTE = 600;
    private static final Pattern EMAIL =
            Pattern.compile("[^\\s@<>()\\[\\]\\\\,;:\"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern NTFY_TOPIC = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern TELEGRAM_CHAT = Pattern.compile("-?[0-9]{1,20}|@[A-Za-z0-9_]{1,64}");
    private static final Pattern TELEGRAM_TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{1,100}");
    private static final Pattern CLOCK_TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private final TargetAddresses addresses;

    ChannelValidator(TargetAddresses addresses) {
        this.addresses = addresses;
    }

    /** The channel as it is stored: secrets_set cleared, empty quiet hours dropped. */
    Channel check(Channel channel) {
        name(channel.getName());
        FieldDescriptor target = ChannelSecrets.targetField(channel);
        if (target == null) {
            throw invalid("set exactly one kind of channel: email, slack, webhook, alertmanager, ntfy, telegram,"
                    + " discord, gotify or pushover");
        }
        textFields(target.getName(), (Message) channel.getField(target));
        switch (channel.getTargetCase()) {
            case EMAIL -> email(channel.getEmail());
            case SLACK -> url("slack.webhook_url", channel.getSlack().getWebhookUrl());
            case WEBHOOK -> url("webhook.url", channel.getWebhook().getUrl());
            case ALERTMANAGER ->
                url("alertmanager.url", channel.getAlertmanager().getUrl());
            case NTFY -> {
                url("ntfy.server_url", channel.getNtfy().getServerUrl());
                if (!NTFY_TOPIC.matcher(channel.getNtfy().getTopic()).matches()) {
                    throw invalid("ntfy.topic must be 1 to 64 letters, digits, _ or -");
                }
            }
            case TELEGRAM -> {
                String token = channel.getTelegram().getBotToken();
                required("telegram.bot_token", token);
                if (!TELEGRAM_TOKEN.matcher(token).matches()) {
                    throw invalid("telegram.bot_token must look like 123456789:AA… (the token @BotFather gives)");
                }
                if (!TELEGRAM_CHAT.matcher(channel.getTelegram().getChatId()).matches()) {
                    throw invalid("telegram.chat_id must be a numeric chat id (e.g. -1001234567890) or @channelname");
                }
            }
            case DISCORD -> url("discord.webhook_url", channel.getDiscord().getWebhookUrl());
            case GOTIFY -> {
                url("gotify.server_url", channel.getGotify().getServerUrl());
                required("gotify.app_token", channel.getGotify().getAppToken());
            }
            case PUSHOVER -> {
                required("pushover.user_key", channel.getPushover().getUserKey());
                required("pushover.app_token", channel.getPushover().getAppToken());
            }
            default -> throw invalid("unknown kind of channel");
        }
        Channel.Builder checked = channel.toBuilder().clearSecretsSet();
        if (channel.hasQuietHours()) {
            if (channel.getQuietHours().equals(QuietHours.getDefaultInstance())) {
                checked.clearQuietHours();
            } else {
                quietHours(channel.getQuietHours());
            }
        }
        if (channel.getMaxPerMinute() < 0 || channel.getMaxPerMinute() > MAX_PER_MINUTE) {
            throw invalid("max_per_minute must be between 0 (the service default) and " + MAX_PER_MINUTE);
        }
        return checked.build();
    }

    private static void name(String name) {
        if (name.isBlank()) {
            throw invalid("name is required");
        }
        if (name.codePointCount(0, name.length()) > MAX_NAME) {
            throw invalid("name must be at most " + MAX_NAME + " characters");
        }
        if (hasControl(name)) {
            throw invalid("name must not contain control characters");
        }
    }

    /** No text field may carry control characters (no header or line injection) or be absurdly long. */
    private static void textFields(String kind, Message settings) {
        for (FieldDescriptor field : settings.getDescriptorForType().getFields()) {
            if (field.getJavaType() != FieldDescriptor.JavaType.STRING || field.isRepeated()) {
                continue;
            }
            String value = (String) settings.getField(field);
            String name = kind + "." + field.getName();
            if (value.length() > MAX_FIELD) {
                throw invalid(name + " must be at most " + MAX_FIELD + " characters");
            }
            if (hasControl(value)) {
                throw invalid(name + " must not contain control characters");
            }
        }
    }

    private static void email(EmailChannel email) {
        if (email.getToCount() == 0 || email.getToCount() > MAX_RECIPIENTS) {
            throw invalid("email.to needs 1 to " + MAX_RECIPIENTS + " addresses");
        }
        for (int i = 0; i < email.getToCount(); i++) {
            String address = email.getTo(i);
            if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
                throw invalid("email.to[" + i + "] is not a plausible email address (like name@example.org)");
            }
        }
    }

    private void url(String field, String url) {
        required(field, url);
        String problem = addresses.problem(field, url);
        if (problem != null) {
            throw invalid(problem);
        }
    }

    private static void required(String field, String value) {
        if (value.isBlank()) {
            throw invalid(field + " is required");
        }
    }

    private static void quietHours(QuietHours quiet) {
        if (!CLOCK_TIME.matcher(quiet.getStart()).matches()) {
            throw invalid("quiet_hours.start must be a time of day as HH:mm, e.g. 22:00");
        }
        if (!CLOCK_TIME.matcher(quiet.getEnd()).matches()) {
            throw invalid("quiet_hours.end must be a time of day as HH:mm, e.g. 07:00");
        }
        if (quiet.getStart().equals(quiet.getEnd())) {
            throw invalid("quiet_hours.end must differ from quiet_hours.start");
        }
        if (quiet.getTimeZone().isBlank()) {
            throw invalid("quiet_hours.time_zone is required with quiet hours (an IANA name such as Europe/Zurich)");
        }
        try {
            ZoneId.of(quiet.getTimeZone());
        } catch (DateTimeException e) {
            throw invalid("quiet_hours.time_zone is not a known time zone (an IANA name such as Europe/Zurich)");
        }
    }

    static boolean hasControl(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }

    private static ApiException invalid(String message) {
        return ApiException.invalidArgument(message);
    }
}
