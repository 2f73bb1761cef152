package home.connected.gateway.rest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.util.UriUtils;

/**
 * A {@code google.api.http} path template: literal segments, {@code *}, a trailing {@code **},
 * variables {@code {field.path}} (one segment, or {@code {field=**}} for the rest of the path) and
 * an optional custom verb ({@code /api/v1/devices/{device_id}:disable}).
 */
final class PathTemplate {

    private final String template;
    private final List<Segment> segments;
    private final String verb;

    private PathTemplate(String template, List<Segment> segments, String verb) {
        this.template = template;
        this.segments = segments;
        this.verb = verb;
    }

    static PathTemplate parse(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("path template must start with /: " + template);
        }
        String path = template;
        String verb = null;
        int colon = path.lastIndexOf(':');
        if (colon > path.lastIndexOf('/') && colon > path.lastIndexOf('}')) {
            verb = path.substring(colon + 1);
            path = path.substring(0, colon);
        }
        List<Segment> segments = new ArrayList<>();
        String[] parts = path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            Segment segment = Segment.parse(parts[i], template);
            if (segment.matchesRest() && i != parts.length - 1) {
                throw new IllegalArgumentException("** may only end a path template: " + template);
            }
            segments.add(segment);
        }
        return new PathTemplate(template, List.copyOf(segments), verb);
    }

    /** @return the decoded variable values by field path when the raw (still encoded) path matches */
    Optional<Map<String, String>> match(String rawPath) {
        String path = rawPath;
        if (verb != null) {
            if (!path.endsWith(":" + verb)) {
                return Optional.empty();
            }
            path = path.substring(0, path.length() - verb.length() - 1);
        }
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = path.substring(1).split("/", -1);
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.matchesRest()) {
                if (i >= parts.length) {
                    return Optional.empty();
                }
                String rest = String.join("/", java.util.Arrays.copyOfRange(parts, i, parts.length));
                if (segment.variable() != null) {
                    variables.put(segment.variable(), decode(rest));
                }
                return Optional.of(variables);
            }
            if (i >= parts.length || parts[i].isEmpty()) {
                return Optional.empty();
            }
            if (segment.literal() != null) {
                if (!segment.literal().equals(parts[i])) {
                    return Optional.empty();
                }
            } else if (segment.variable() != null) {
                variables.put(segment.variable(), decode(parts[i]));
            }
        }
        return parts.length == segments.size() ? Optional.of(variables) : Optional.empty();
    }

    /** The field paths the template binds, in order. */
    List<String> variables() {
        return segments.stream()
                .map(Segment::variable)
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** Literal segments count first when two templates match the same path. */
    int literalCount() {
        return (int) segments.stream().filter(s -> s.literal() != null).count() + (verb == null ? 0 : 1);
    }

    /** The template with its variables in OpenAPI form: {@code /api/v1/devices/{device_id}:disable}. */
    String openApiPath() {
        StringBuilder path = new StringBuilder();
        for (Segment segment : segments) {
            path.append('/')
                    .append(
                            segment.variable() != null
                                    ? "{" + segment.variable() + "}"
                                    : segment.literal() != null ? segment.literal() : segment.wildcard());
        }
        return verb == null ? path.toString() : path + ":" + verb;
    }

    @Override
    public String toString() {
        return template;
    }

    private static String decode(String raw) {
        return UriUtils.decode(raw, StandardCharsets.UTF_8);
    }

    /** Exactly one of literal and wildcard is set, or variable with a one-segment or rest-of-path wildcard. */
    private record Segment(String literal, String variable, String wildcard) {

        static Segment parse(String part, String template) {
            if (part.startsWith("{") && part.endsWith("}")) {
                String body = part.substring(1, part.length() - 1);
                int equals = body.indexOf('=');
                String name = equals < 0 ? body : body.substring(0, equals);
                String pattern = equals < 0 ? "*" : body.substring(equals + 1);
                if (name.isEmpty() || !(pattern.equals("*") || pattern.equals("**"))) {
                    throw new IllegalArgumentException("unsupported variable " + part + " in " + template);
                }
                return new Segment(null, name, pattern);
            }
            if (part.isEmpty() || part.contains("{") || part.contains("}")) {
                throw new IllegalArgumentException("bad segment '" + part + "' in " + template);
            }
            if (part.equals("*") || part.equals("**")) {
                return new Segment(null, null, part);
            }
            return new Segment(part, null, null);
        }

        boolean matchesRest() {
            return "**".equals(wildcard);
        }
    }
}
