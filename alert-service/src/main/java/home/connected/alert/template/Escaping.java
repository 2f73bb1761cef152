package home.connected.alert.template;

import com.samskivert.mustache.Mustache;

/**
 * How a value is escaped where a channel reads markup, so a sensor named {@code <b>} or
 * {@code *x*} shows as written and cannot inject markup or links.
 */
public enum Escaping implements Mustache.Escaper {
    /** Plain text: ntfy, Gotify, Pushover, webhooks, Alertmanager, MQTT payloads. */
    NONE {
        @Override
        public String escape(String raw) {
            return raw;
        }
    },
    /** HTML: email bodies, Telegram messages (sent with parse_mode HTML). */
    HTML {
        @Override
        public String escape(String raw) {
            StringBuilder out = new StringBuilder(raw.length() + 16);
            raw.chars().forEach(c -> {
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&#39;");
                    default -> out.append((char) c);
                }
            });
            return out.toString();
        }
    },
    /** Slack mrkdwn: only &, < and > are control characters (Slack's "Escaping text"). */
    SLACK {
        @Override
        public String escape(String raw) {
            return raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        }
    },
    /** Discord markdown: a backslash before each markdown character; @ broken so no one is pinged. */
    DISCORD {
        @Override
        public String escape(String raw) {
            StringBuilder out = new StringBuilder(raw.length() + 16);
            raw.chars().forEach(c -> {
                if ("\\*_~`|>#[]()-".indexOf(c) >= 0) {
                    out.append('\\');
                }
                out.append((char) c);
                if (c == '@') {
                    out.append('\u200b');
                }
            });
            return out.toString();
        }
    }
}
