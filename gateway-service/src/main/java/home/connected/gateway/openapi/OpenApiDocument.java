package home.connected.gateway.openapi;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import home.connected.gateway.rest.HttpRoute;
import home.connected.gateway.rest.RouteTable;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI 3 description of the REST API, generated from the same route table and message
 * descriptors the transcoder uses, so it cannot drift from what the gateway serves.
 */
@Component
public class OpenApiDocument {

    private static final String BEARER = "bearer";
    private static final Map<String, JsonObject> WELL_KNOWN = Map.of(
            "google.protobuf.Timestamp", schema("string", "date-time"),
            "google.protobuf.Duration", pattern(schema("string", null), "^-?[0-9]+(\\.[0-9]{1,9})?s$"),
            "google.protobuf.Empty", new JsonObject(),
            "google.protobuf.FieldMask", schema("string", null),
            "google.protobuf.DoubleValue", schema("number", "double"),
            "google.protobuf.Int32Value", schema("integer", "int32"),
            "google.protobuf.Int64Value", schema("string", "int64"),
            "google.protobuf.BoolValue", schema("boolean", null),
            "google.protobuf.StringValue", schema("string", null));

    private final String json;

    OpenApiDocument(RouteTable routes) {
        this.json = new GsonBuilder().setPrettyPrinting().create().toJson(build(routes));
    }

    public String json() {
        return json;
    }

    private static JsonObject build(RouteTable routes) {
        JsonObject schemas = new JsonObject();
        JsonObject paths = new JsonObject();
        for (HttpRoute route : routes.routes()) {
            JsonObject path =
                    paths.has(route.openApiPath()) ? paths.getAsJsonObject(route.openApiPath()) : new JsonObject();
            paths.add(route.openApiPath(), path);
            path.add(route.httpMethod().name().toLowerCase(Locale.ROOT), operation(route, schemas));
        }
        JsonObject document = new JsonObject();
        document.addProperty("openapi", "3.0.3");
        JsonObject info = new JsonObject();
        info.addProperty("title", "Connected Home API");
        info.addProperty("version", "v1");
        info.addProperty(
                "description",
                "Generated from the gRPC contracts' google.api.http options. Fields use proto JSON names;"
                        + " errors are {\"error\":{\"code\",\"status\",\"message\"}}.");
        document.add("info", info);
        document.add("paths", paths);
        JsonObject components = new JsonObject();
        JsonObject bearer = new JsonObject();
        bearer.addProperty("type", "http");
        bearer.addProperty("scheme", "bearer");
        bearer.addProperty("bearerFormat", "JWT");
        JsonObject schemes = new JsonObject();
        schemes.add(BEARER, bearer);
        components.add("securitySchemes", schemes);
        schemas.add("Error", errorSchema());
        components.add("schemas", schemas);
        document.add("components", components);
        document.add("security", bearerRequirement());
        return document;
    }

    private static JsonObject operation(HttpRoute route, JsonObject schemas) {
        JsonObject operation = new JsonObject();
        String service = route.rpc().getService().getName();
        operation.addProperty("operationId", service + "_" + route.rpc().getName());
        JsonArray tags = new JsonArray();
        tags.add(service);
        operation.add("tags", tags);
        operation.addProperty("summary", route.rpc().getFullName());
        if (route.rule().isPublic()) {
            operation.add("security", new JsonArray());
        } else {
            operation.add("security", bearerRequirement());
            if (route.rule().permission() != null) {
                operation.addProperty("x-permission", route.rule().permission().value());
            }
        }
        Descriptor input = route.rpc().getInputType();
        JsonArray parameters = new JsonArray();
        for (String variable : route.pathVariables()) {
            parameters.add(parameter(variable, "path", leaf(input, variable), schemas));
        }
        if (!route.body().equals("*")) {
            queryParameters(input, "", route, parameters, schemas, new HashSet<>());
        }
        operation.add("parameters", parameters);
        if (!route.body().isEmpty()) {
            JsonObject schema = route.body().equals("*")
                    ? ref(input, schemas)
                    : fieldSchema(input.findFieldByName(route.body()), schemas);
            JsonObject requestBody = new JsonObject();
            requestBody.addProperty("required", true);
            requestBody.add("content", content("application/json", schema));
            operation.add("requestBody", requestBody);
        }
        JsonObject responses = new JsonObject();
        JsonObject ok = new JsonObject();
        if (route.streamsResponses()) {
            ok.addProperty("description", "Server-Sent Events; each data line is one message in proto JSON");
            ok.add("content", content("text/event-stream", ref(route.rpc().getOutputType(), schemas)));
        } else {
            ok.addProperty("description", "OK");
            ok.add("content", content("application/json", ref(route.rpc().getOutputType(), schemas)));
        }
        responses.add("200", ok);
        JsonObject error = new JsonObject();
        error.addProperty(
                "description",
                "400 bad request, 401 no or invalid token, 403 missing permission, 404, 409, 429, 503, 504");
        JsonObject errorRef = new JsonObject();
        errorRef.addProperty("$ref", "#/components/schemas/Error");
        error.add("content", content("application/json", errorRef));
        responses.add("default", error);
        operation.add("responses", responses);
        return operation;
    }

    /** Every scalar leaf of the request not bound by the path becomes a query parameter (dotted for nested fields). */
    private static void queryParameters(
            Descriptor type,
            String prefix,
            HttpRoute route,
            JsonArray parameters,
            JsonObject schemas,
            Set<String> visiting) {
        if (!visiting.add(type.getFullName())) {
            return;
        }
        for (FieldDescriptor field : type.getFields()) {
            String name = prefix + field.getName();
            if (route.pathVariables().contains(name)
                    || (prefix.isEmpty() && field.getName().equals(route.body()))) {
                continue;
            }
            boolean message = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE;
            if (message && !WELL_KNOWN.containsKey(field.getMessageType().getFullName())) {
                if (!field.isRepeated()) {
                    queryParameters(field.getMessageType(), name + ".", route, parameters, schemas, visiting);
                }
                continue;
            }
            if (message && field.getMessageType().getFullName().equals("google.protobuf.Empty")) {
                continue;
            }
            parameters.add(parameter(name, "query", field, schemas));
        }
        visiting.remove(type.getFullName());
    }

    private static JsonObject parameter(String name, String in, FieldDescriptor field, JsonObject schemas) {
        JsonObject parameter = new JsonObject();
        parameter.addProperty("name", name);
        parameter.addProperty("in", in);
        parameter.addProperty("required", in.equals("path"));
        parameter.add("schema", fieldSchema(field, schemas));
        if (field.isRepeated()) {
            parameter.addProperty("explode", true);
        }
        return parameter;
    }

    private static FieldDescriptor leaf(Descriptor type, String path) {
        String[] names = path.split("\\.");
        FieldDescriptor field = null;
        for (String name : names) {
            field = type.findFieldByName(name);
            if (field == null) {
                throw new IllegalStateException("path variable " + path + " is not a field of " + type.getFullName());
            }
            if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                type = field.getMessageType();
            }
        }
        return field;
    }

    private static JsonObject fieldSchema(FieldDescriptor field, JsonObject schemas) {
        if (field.isMapField()) {
            JsonObject map = schema("object", null);
            map.add("additionalProperties", fieldSchema(field.getMessageType().findFieldByName("value"), schemas));
            return map;
        }
        JsonObject single = singleSchema(field, schemas);
        if (!field.isRepeated()) {
            return single;
        }
        JsonObject array = schema("array", null);
        array.add("items", single);
        return array;
    }

    private static JsonObject singleSchema(FieldDescriptor field, JsonObject schemas) {
        return switch (field.getType()) {
            case DOUBLE -> schema("number", "double");
            case FLOAT -> schema("number", "float");
            case INT32, SINT32, SFIXED32 -> schema("integer", "int32");
            case UINT32, FIXED32 -> schema("integer", "int64");
            case INT64, SINT64, SFIXED64, UINT64, FIXED64 -> schema("string", "int64");
            case BOOL -> schema("boolean", null);
            case STRING -> schema("string", null);
            case BYTES -> schema("string", "byte");
            case ENUM -> enumSchema(field.getEnumType());
            case MESSAGE, GROUP -> ref(field.getMessageType(), schemas);
        };
    }

    private static JsonObject ref(Descriptor type, JsonObject schemas) {
        JsonObject wellKnown = WELL_KNOWN.get(type.getFullName());
        if (wellKnown != null) {
            return wellKnown.deepCopy();
        }
        if (!schemas.has(type.getFullName())) {
            schemas.add(type.getFullName(), new JsonObject()); // placeholder ends recursion on cyclic types
            JsonObject properties = new JsonObject();
            for (FieldDescriptor field : type.getFields()) {
                properties.add(field.getJsonName(), fieldSchema(field, schemas));
            }
            JsonObject object = schema("object", null);
            object.add("properties", properties);
            object.addProperty("additionalProperties", false);
            schemas.add(type.getFullName(), object);
        }
        JsonObject ref = new JsonObject();
        ref.addProperty("$ref", "#/components/schemas/" + type.getFullName());
        return ref;
    }

    private static JsonObject enumSchema(EnumDescriptor type) {
        JsonObject schema = schema("string", null);
        JsonArray values = new JsonArray();
        type.getValues().forEach(value -> values.add(value.getName()));
        schema.add("enum", values);
        return schema;
    }

    private static JsonObject errorSchema() {
        JsonObject fields = new JsonObject();
        fields.add("code", schema("integer", "int32"));
        fields.add("status", schema("string", null));
        fields.add("message", schema("string", null));
        JsonObject error = schema("object", null);
        error.add("properties", fields);
        JsonObject properties = new JsonObject();
        properties.add("error", error);
        JsonObject body = schema("object", null);
        body.add("properties", properties);
        return body;
    }

    private static JsonObject content(String mediaType, JsonObject schema) {
        JsonObject media = new JsonObject();
        media.add("schema", schema);
        JsonObject content = new JsonObject();
        content.add(mediaType, media);
        return content;
    }

    private static JsonArray bearerRequirement() {
        JsonObject requirement = new JsonObject();
        requirement.add(BEARER, new JsonArray());
        JsonArray security = new JsonArray();
        security.add(requirement);
        return security;
    }

    private static JsonObject schema(String type, String format) {
        JsonObject schema = new JsonObject();
        schema.addProperty("type", type);
        if (format != null) {
            schema.addProperty("format", format);
        }
        return schema;
    }

    private static JsonObject pattern(JsonObject schema, String pattern) {
        schema.addProperty("pattern", pattern);
        return schema;
    }
}
