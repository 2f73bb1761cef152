package home.connected.query.influx;

import home.connected.query.influx.TaggedSeries.TimedValue;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads InfluxDB's JSON answer to {@code /query} token by token, straight into series:
 * {@code {"results":[{"statement_id":0,"series":[{"tags":{..},"columns":[..],"values":[[..]]}],"error":".."}]}}.
 * Times must be epoch numbers ({@code epoch=ns}); a row with a null in a column it uses is left out.
 */
final class InfluxQlJson {

    /** The series of each statement, in order, and InfluxDB's error texts, for the log only. */
    record Answer(List<List<TaggedSeries>> series, List<String> errors) {}

    // The caller drains and closes the body itself, so the connection can be used again.
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private InfluxQlJson() {}

    /**
     * @throws tools.jackson.core.JacksonException when the answer is not such JSON
     * @throws IllegalStateException when a series lacks the columns a statement here selects
     */
    static Answer read(InputStream body, int statements) {
        List<List<TaggedSeries>> series = new ArrayList<>(statements);
        for (int i = 0; i < statements; i++) {
            series.add(new ArrayList<>());
        }
        Answer answer = new Answer(series, new ArrayList<>());
        try (JsonParser json = JSON.createParser(ObjectReadContext.empty(), body)) {
            expect(json, json.nextToken(), JsonToken.START_OBJECT);
            for (String name = json.nextName(); name != null; name = json.nextName()) {
                JsonToken value = json.nextToken();
                if (name.equals("results") && value != JsonToken.VALUE_NULL) {
                    results(json, value, answer);
                } else if (name.equals("error") && value == JsonToken.VALUE_STRING) {
                    answer.errors().add(json.getString());
                } else {
                    json.skipChildren();
                }
            }
        }
        return answer;
    }

    private static void results(JsonParser json, JsonToken start, Answer answer) {
        expect(json, start, JsonToken.START_ARRAY);
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            expect(json, token, JsonToken.START_OBJECT);
            result(json, answer);
        }
    }

    private static void result(JsonParser json, Answer answer) {
        int statement = -1;
        List<TaggedSeries> found = new ArrayList<>();
        String error = null;
        for (String name = json.nextName(); name != null; name = json.nextName()) {
            JsonToken value = json.nextToken();
            switch (name) {
                case "statement_id" -> {
                    expect(json, value, JsonToken.VALUE_NUMBER_INT);
                    statement = json.getIntValue();
                }
                case "series" -> {
                    if (value != JsonToken.VALUE_NULL) {
                        series(json, value, found);
                    }
                }
                case "error" -> error = text(json);
                default -> json.skipChildren();
            }
        }
        if (statement < 0 || statement >= answer.series().size()) {
            throw new StreamReadException(
                    json,
                    "a result for statement " + statement + " of "
                            + answer.series().size());
        }
        answer.series().get(statement).addAll(found);
        if (error != null) {
            answer.errors().add("statement " + statement + ": " + error);
        }
    }

    private static void series(JsonParser json, JsonToken start, List<TaggedSeries> found) {
        expect(json, start, JsonToken.START_ARRAY);
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            expect(json, token, JsonToken.START_OBJECT);
            found.add(oneSeries(json));
        }
    }

    private static TaggedSeries oneSeries(JsonParser json) {
        Map<String, String> tags = Map.of();
        Columns columns = null;
        List<TimedValue> points = List.of();
        for (String name = json.nextName(); name != null; name = json.nextName()) {
            JsonToken value = json.nextToken();
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            switch (name) {
                case "tags" -> tags = tags(json, value);
                case "columns" -> columns = Columns.of(strings(json, value));
                case "values" -> {
                    if (columns == null) {
                        throw new StreamReadException(json, "values before columns");
                    }
                    points = rows(json, value, columns);
                }
                default -> json.skipChildren();
            }
        }
        return new TaggedSeries(tags, points);
    }

    private static Map<String, String> tags(JsonParser json, JsonToken start) {
        expect(json, start, JsonToken.START_OBJECT);
        Map<String, String> tags = new HashMap<>();
        for (String name = json.nextName(); name != null; name = json.nextName()) {
            json.nextToken();
            String value = text(json);
            if (value != null) {
                tags.put(name, value);
            }
        }
        return Map.copyOf(tags);
    }

    private static List<String> strings(JsonParser json, JsonToken start) {
        expect(json, start, JsonToken.START_ARRAY);
        List<String> strings = new ArrayList<>();
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            strings.add(text(json));
        }
        return strings;
    }

    private static List<TimedValue> rows(JsonParser json, JsonToken start, Columns columns) {
        expect(json, start, JsonToken.START_ARRAY);
        List<TimedValue> points = new ArrayList<>();
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            expect(json, token, JsonToken.START_ARRAY);
            TimedValue point = row(json, columns);
            if (point != null) {
                points.add(point);
            }
        }
        return points;
    }

    /** The point of one row, null when a cell it needs is null. */
    private static TimedValue row(JsonParser json, Columns columns) {
        long time = 0;
        double value = 0;
        double min = 0;
        double max = 0;
        long readings = 0;
        boolean complete = true;
        int column = 0;
        for (JsonToken cell = json.nextToken(); cell != JsonToken.END_ARRAY; cell = json.nextToken(), column++) {
            if (!columns.uses(column)) {
                json.skipChildren();
            } else if (cell == JsonToken.VALUE_NULL) {
                complete = false;
            } else if (column == columns.time()) {
                time = json.getLongValue();
            } else if (column == columns.value()) {
                value = number(json, cell);
            } else if (column == columns.min()) {
                min = number(json, cell);
            } else if (column == columns.max()) {
                max = number(json, cell);
            } else {
                readings = cell == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : (long) number(json, cell);
            }
        }
        return complete ? new TimedValue(time, value, min, max, readings) : null;
    }

    private static double number(JsonParser json, JsonToken cell) {
        // a string cell is read as the client read every cell: its text as a double
        return cell.isNumeric() ? json.getDoubleValue() : Double.parseDouble(json.getString());
    }

    /** A scalar as text; null for anything else, which is skipped. */
    private static String text(JsonParser json) {
        String text = json.getValueAsString();
        json.skipChildren();
        return text;
    }

    private static void expect(JsonParser json, JsonToken found, JsonToken expected) {
        if (found != expected) {
            throw new StreamReadException(json, "expected " + expected + ", found " + found);
        }
    }

    /**
     * Where a series keeps what a point needs: {@code time}; {@code band_mean}, {@code band_min} and
     * {@code band_max} for a band, else the first other column as the value; {@code readings} if there.
     */
    private record Columns(int time, int value, int min, int max, int readings) {

        static Columns of(List<String> names) {
            int time = required(names, "time");
            int readings = names.indexOf(InfluxReader.READINGS);
            if (names.contains(InfluxReader.BAND_MIN)) {
                return new Columns(
                        time,
                        required(names, InfluxReader.BAND_MEAN),
                        required(names, InfluxReader.BAND_MIN),
                        required(names, InfluxReader.BAND_MAX),
                        readings);
            }
            for (int column = 0; column < names.size(); column++) {
                if (column != time && column != readings) {
                    return new Columns(time, column, -1, -1, readings);
                }
            }
            throw new IllegalStateException("a series without a value column: " + names);
        }

        boolean uses(int column) {
            return column == time || column == value || column == min || column == max || column == readings;
        }

        private static int required(List<String> names, String name) {
            int column = names.indexOf(name);
            if (column < 0) {
                throw new IllegalStateException("a series without column " + name + ": " + names);
            }
            return column;
        }
    }
}
