package home.connected.alert.delivery;

import home.connected.alert.template.Escaping;
import home.connected.alert.template.MessageTemplates;
import home.connected.contracts.alert.v1.MessageTemplate;

/** A notice's title and body, rendered from the rule's templates for one kind of channel. */
record Texts(String title, String body) {

    static Texts of(Notice notice, Escaping escaping) {
        MessageTemplate template = notice.template() == null ? MessageTemplate.getDefaultInstance() : notice.template();
        var variables = notice.variables();
        return new Texts(
                MessageTemplates.render(template.getTitle(), MessageTemplates.DEFAULT_TITLE, variables, escaping)
                        .strip(),
                MessageTemplates.render(template.getBody(), MessageTemplates.DEFAULT_BODY, variables, escaping)
                        .strip());
    }

    /** At most max characters, with an ellipsis when cut (services refuse longer fields). */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    /** One line: header values and titles cannot hold line breaks. */
    static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
