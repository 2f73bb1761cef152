package home.connected.gateway.graphql;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import java.math.BigInteger;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The schema's scalars, each a string in its proto JSON form; what a client sends is checked here, so
 * a malformed one is refused before any backend is asked.
 */
final class ProtoScalars {

    private static final BigInteger MIN_INT64 = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private ProtoScalars() {}

    static List<GraphQLScalarType> all() {
        return List.of(
                scalar(
                        "Timestamp",
                        "An instant in RFC 3339 form, e.g. 2026-12-01T08:30:00Z",
                        parsed(Timestamps::parse, "not an RFC 3339 timestamp: ")),
                scalar(
                        "Duration",
                        "A duration in seconds with an s suffix, e.g. 300s or 1.5s",
                        parsed(Durations::parse, "not a duration such as 300s: ")),
                scalar("Int64", "A 64-bit integer, as a string (as in proto JSON), e.g. \"42\"", text -> {
                    try {
                        BigInteger number = new BigInteger(text);
                        if (number.compareTo(MIN_INT64) < 0 || number.compareTo(MAX_UINT64) > 0) {
                            throw new NumberFormatException();
                        }
                        return text;
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("not a 64-bit integer: " + text);
                    }
                }),
                scalar("Bytes", "Bytes in base64", text -> {
                    Base64.getDecoder().decode(text);
                    return text;
                }));
    }

    private interface Parser {
        Object parse(String text) throws ParseException;
    }

    /** The text as it came when the parser takes it, else the complaint followed by the text. */
    private static UnaryOperator<String> parsed(Parser parser, String complaint) {
        return text -> {
            try {
                parser.parse(text);
                return text;
            } catch (ParseException e) {
                throw new IllegalArgumentException(complaint + text);
            }
        };
    }

    private static GraphQLScalarType scalar(String name, String description, UnaryOperator<String> check) {
        return GraphQLScalarType.newScalar()
                .name(name)
                .description(description)
                .coercing(new Coercing<String, String>() {
                    @Override
                    public String serialize(Object result, GraphQLContext context, Locale locale) {
                        return result.toString();
                    }

                    @Override
                    public String parseValue(Object input, GraphQLContext context, Locale locale) {
                        if (!(input instanceof String) && !(input instanceof Number && name.equals("Int64"))) {
                            throw new CoercingParseValueException(name + " takes a string");
                        }
                        try {
                            return check.apply(input.toString());
                        } catch (IllegalArgumentException e) {
                            throw new CoercingParseValueException(e.getMessage());
                        }
                    }

                    @Override
                    public String parseLiteral(
                            Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                        String text;
                        if (input instanceof StringValue string) {
                            text = string.getValue();
                        } else if (input instanceof IntValue integer && name.equals("Int64")) {
                            text = integer.getValue().toString();
                        } else {
                            throw new CoercingParseLiteralException(name + " takes a string");
                        }
                        try {
                            return check.apply(text);
                        } catch (IllegalArgumentException e) {
                            throw new CoercingParseLiteralException(e.getMessage());
                        }
                    }

                    @Override
                    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
                        return StringValue.of(input.toString());
                    }
                })
                .build();
    }
}
