package home.connected.gateway.rest;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds an RPC's request message from a REST request the way {@code google.api.http} describes:
 * path variables, the body ({@code *} or one field) and, for the fields the body does not carry,
 * query parameters ({@code ?filter.quantity=temperature&sensors=a&sensors=b}). Field names may be
 * given as in the proto or in their JSON (lowerCamel) form; values in proto JSON form (enums by
 * name, Timestamps as RFC 3339, Durations as {@code 1.5s}). Anything unknown is refused.
 */
final class RequestMessages {

    private static final JsonFormat.Parser PARSER = JsonFormat.parser();
    private static final TypeAdapter<JsonElement> JSON_ELEMENT = new Gson().getAdapter(JsonElement.class);
    /** Message types whose proto JSON form is a single string, so a query parameter can carry them. */
    private static final Set<String> SCALAR_MESSAGES = Set.of(
            "google.protobuf.Timestamp",
            "google.protobuf.Duration",
            "google.protobuf.FieldMask",
            "google.protobuf.DoubleValue",
            "google.protobuf.FloatValue",
            "google.protobuf.Int64Value",
            "google.protobuf.UInt64Value",
            "google.protobuf.Int32Value",
            "google.protobuf.UInt32Value",
            "google.protobuf.BoolValue",
            "google.protobuf.StringValue",
            "google.protobuf.BytesValue");

    private RequestMessages() {}

    static DynamicMessage build(
            HttpRoute route, Map<String, String> pathVariables, Map<String, List<String>> queryParameters, byte[] body)
            throws BadRequestException {
        Descriptor type = route.rpc().getInputType();
        JsonObject json = new JsonObject();
        boolean hasBody = body != null && body.length > 0;
        if (route.body().isEmpty()) {
            if (hasBody) {
                throw new BadRequestException("this call takes no request body; use query parameters");
            }
        } else if (route.body().equals("*")) {
            json = hasBody ? parseObject(body) : json;
        } else if (hasBody) {
            FieldDescriptor field = field(type, route.body());
            json.add(field.getName(), parse(body));
        }
        if (!route.body().equals("*")) {
            for (Map.Entry<String, List<String>> parameter : queryParameters.entrySet()) {
                if (route.pathVariables().contains(parameter.getKey())) {
                    throw new BadRequestException(
                            "query parameter " + parameter.getKey() + " is already given in the path");
                }
                set(json, type, parameter.getKey(), parameter.getValue(), "query parameter ");
            }
        }
        for (Map.Entry<String, String> variable : pathVariables.entrySet()) {
            set(json, type, variable.getKey(), List.of(variable.getValue()), "path variable ");
        }
        DynamicMessage.Builder message = DynamicMessage.newBuilder(type);
        try {
            PARSER.merge(json.toString(), message);
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new BadRequestException("the request does not fit " + type.getName() + ": " + e.getMessage());
        }
        return message.build();
    }

    /** Sets one dotted field path in the JSON form of the request, replacing what the body said. */
    private static void set(JsonObject json, Descriptor type, String path, List<String> values, String what)
            throws BadRequestException {
        String[] names = path.split("\\.", -1);
        JsonObject target = json;
        Descriptor targetType = type;
        for (int i = 0; i < names.length - 1; i++) {
            FieldDescriptor field = field(targetType, names[i], what + path);
            if (field.isRepeated()
                    || field.getJavaType() != FieldDescriptor.JavaType.MESSAGE
                    || SCALAR_MESSAGES.contains(field.getMessageType().getFullName())) {
                throw new BadRequestException(what + path + " does not name a field that can be set this way");
            }
            JsonElement child = removeField(target, field);
            JsonObject childObject = child != null && child.isJsonObject() ? child.getAsJsonObject() : new JsonObject();
            target.add(field.getName(), childObject);
            target = childObject;
            targetType = field.getMessageType();
        }
        FieldDescriptor leaf = field(targetType, names[names.length - 1], what + path);
        if (leaf.isMapField()
                || (leaf.getJavaType() == FieldDescriptor.JavaType.MESSAGE
                        && !SCALAR_MESSAGES.contains(leaf.getMessageType().getFullName()))) {
            throw new BadRequestException(what + path + " names a structured field; send it in the request body");
        }
        removeField(target, leaf);
        if (leaf.isRepeated()) {
            JsonArray array = new JsonArray();
            values.forEach(value -> array.add(new JsonPrimitive(value)));
            target.add(leaf.getName(), array);
        } else if (values.size() == 1) {
            target.add(leaf.getName(), new JsonPrimitive(values.get(0)));
        } else {
            throw new BadRequestException(what + path + " takes one value, not " + values.size());
        }
    }

    private static JsonElement removeField(JsonObject json, FieldDescriptor field) {
        JsonElement byName = json.remove(field.getName());
        JsonElement byJsonName = json.remove(field.getJsonName());
        return byName != null ? byName : byJsonName;
    }

    private static FieldDescriptor field(Descriptor type, String name) throws BadRequestException {
        return field(type, name, "field " + name);
    }

    private static FieldDescriptor field(Descriptor type, String name, String what) throws BadRequestException {
        FieldDescriptor field = type.findFieldByName(name);
        if (field == null) {
            field = type.getFields().stream()
                    .filter(f -> f.getJsonName().equals(name))
                    .findFirst()
                    .orElse(null);
        }
        if (field == null) {
            throw new BadRequestException(what + " is not known; " + type.getName() + " has "
                    + type.getFields().stream()
                            .map(FieldDescriptor::getJsonName)
                            .toList());
        }
        return field;
    }

    private static JsonObject parseObject(byte[] body) throws BadRequestException {
        JsonElement json = parse(body);
        if (!json.isJsonObject()) {
            throw new BadRequestException("the request body must be a JSON object");
        }
        return json.getAsJsonObject();
    }

    private static JsonElement parse(byte[] body) throws BadRequestException {
        try (JsonReader reader = new JsonReader(new StringReader(new String(body, StandardCharsets.UTF_8)))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement json = JSON_ELEMENT.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new BadRequestException("the request body holds more than one JSON value");
            }
            return json;
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new BadRequestException("the request body is not valid JSON");
        }
    }
}
