package home.connected.alert.rule;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.JsonFormat;
import home.connected.contracts.alert.v1.Rule;
import java.time.Instant;

/** alert_rule.definition: the rule as proto JSON, without id, status and silenced_until (columns of their own). */
final class RuleJson {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    // Fields added to the contract later must not make older rows unreadable, nor newer rows on an older replica.
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private RuleJson() {}

    static String definition(Rule rule) {
        try {
            return PRINTER.print(rule.toBuilder()
                    .clearId()
                    .clearStatus()
                    .clearSilencedUntil()
                    .build());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("could not write a rule as JSON", e);
        }
    }

    static Rule parse(String id, String definition, Instant silencedUntil) {
        Rule.Builder rule = Rule.newBuilder();
        try {
            PARSER.merge(definition, rule);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("rule " + id + " has an unreadable definition", e);
        }
        rule.setId(id);
        if (silencedUntil != null) {
            rule.setSilencedUntil(timestamp(silencedUntil));
        }
        return rule.build();
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder()
                .setSeconds(instant.getEpochSecond())
                .setNanos(instant.getNano())
                .build();
    }
}
