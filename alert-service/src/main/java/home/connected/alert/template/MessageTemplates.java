package home.connected.alert.template;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Alert texts are Mustache templates (JMustache): logic-less, so a template can only place the
 * fixed variables below, never call code. {@link #problem} refuses syntax errors, unknown variables
 * and partials; {@link #render} escapes every value for the channel it is meant for.
 */
public final class MessageTemplates {

    /** The variables a template may use. */
    public static final Set<String> VARIABLES = Set.of(
            "rule",
            "severity",
            "state",
            "device",
            "sensor",
            "quantity",
            "location",
            "value",
            "unit",
            "threshold",
            "since",
            "link",
            "reason");

    public static final String DEFAULT_TITLE = "[{{severity}}] {{rule}}: {{state}}";
    public static final String DEFAULT_BODY =
            "{{rule}} is {{state}} for {{sensor}} ({{quantity}}) on {{device}}{{#location}} in {{location}}{{/location}}:"
                    + " {{reason}}. Last value {{value}}{{#unit}} {{unit}}{{/unit}}, since {{since}}. {{link}}";

    public static final int MAX_LENGTH = 2000;

    private MessageTemplates() {}

    /** Null when the template is fine, otherwise what is wrong with it, written for a person. */
    public static String problem(String template) {
        if (template.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        if (template.contains("{{{") || template.contains("{{&")) {
            return "uses an unescaped variable ({{{...}}} or {{&...}}); use {{name}}";
        }
        Template compiled;
        try {
            compiled = compiler(Escaping.NONE).compile(template);
        } catch (MustacheException e) {
            return "is not a valid template: " + e.getMessage();
        }
        List<String> problems = new ArrayList<>();
        compiled.visit(new Mustache.Visitor() {
            @Override
            public void visitText(String text) {}

            @Override
            public void visitVariable(String name) {
                known(name);
            }

            @Override
            public boolean visitInclude(String name) {
                problems.add("uses the partial {{>" + name + "}}; partials are not allowed");
                return false;
            }

            @Override
            public boolean visitSection(String name) {
                known(name);
                return true;
            }

            @Override
            public boolean visitInvertedSection(String name) {
                known(name);
                return true;
            }

            private void known(String name) {
                if (!VARIABLES.contains(name)) {
                    problems.add("uses the unknown variable {{" + name + "}}; known: "
                            + VARIABLES.stream().sorted().toList());
                }
            }
        });
        return problems.isEmpty() ? null : problems.get(0);
    }

    /**
     * Renders a template that passed {@link #problem}; an empty template renders {@code fallback}.
     * Missing variables render as nothing.
     */
    public static String render(String template, String fallback, Map<String, String> variables, Escaping escaping) {
        String source = template == null || template.isBlank() ? fallback : template;
        return compiler(escaping).compile(source).execute(variables);
    }

    private static Mustache.Compiler compiler(Escaping escaping) {
        return Mustache.compiler()
                .withEscaper(escaping)
                .defaultValue("")
                .emptyStringIsFalse(true)
                .zeroIsFalse(false);
    }
}
