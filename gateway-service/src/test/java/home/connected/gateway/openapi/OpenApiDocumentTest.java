package home.connected.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import home.connected.gateway.rest.HttpRoute;
import home.connected.gateway.rest.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenApiDocumentTest {

    private final RouteTable routes = new RouteTable();
    private final JsonObject document =
            JsonParser.parseString(new OpenApiDocument(routes).json()).getAsJsonObject();

    @Test
    void everyRouteIsDescribedWithItsParametersAndSecurity() {
        JsonObject paths = document.getAsJsonObject("paths");
        for (HttpRoute route : routes.routes()) {
            JsonObject operation = paths.getAsJsonObject(route.openApiPath())
                    .getAsJsonObject(route.httpMethod().name().toLowerCase(Locale.ROOT));
            assertThat(operation).as(route.toString()).isNotNull();
            assertThat(operation.get("operationId").getAsString())
                    .endsWith("_" + route.rpc().getName());

            List<String> pathParameters = new ArrayList<>();
            for (JsonElement parameter : operation.getAsJsonArray("parameters")) {
                if (parameter.getAsJsonObject().get("in").getAsString().equals("path")) {
                    pathParameters.add(parameter.getAsJsonObject().get("name").getAsString());
                }
            }
            assertThat(pathParameters).as(route.toString()).isEqualTo(route.pathVariables());
            assertThat(operation.has("requestBody"))
                    .as(route.toString())
                    .isEqualTo(!route.body().isEmpty());

            JsonArray security = operation.getAsJsonArray("security");
            if (route.rule().isPublic()) {
                assertThat(security).as(route + " is public").isEmpty();
            } else {
                assertThat(security.get(0).getAsJsonObject().has("bearer")).isTrue();
                assertThat(operation.has("x-permission")).isEqualTo(route.rule().permission() != null);
            }
        }
        assertThat(document.getAsJsonObject("components")
                        .getAsJsonObject("securitySchemes")
                        .getAsJsonObject("bearer")
                        .get("scheme")
                        .getAsString())
                .isEqualTo("bearer");
    }

    @Test
    void queryParametersAndSchemasFollowTheMessages() {
        JsonObject listSensors = document.getAsJsonObject("paths")
                .getAsJsonObject("/api/v1/sensors")
                .getAsJsonObject("get");
        List<String> names = new ArrayList<>();
        listSensors
                .getAsJsonArray("parameters")
                .forEach(p -> names.add(p.getAsJsonObject().get("name").getAsString()));
        assertThat(names).contains("filter.quantity", "filter.location", "filter.device_id", "filter.text");

        JsonObject schemas = document.getAsJsonObject("components").getAsJsonObject("schemas");
        JsonObject series = schemas.getAsJsonObject("home.connected.query.v1.GetSeriesRequest")
                .getAsJsonObject("properties");
        assertThat(series.getAsJsonObject("start").get("format").getAsString()).isEqualTo("date-time");
        assertThat(series.getAsJsonObject("maxPoints").get("type").getAsString())
                .isEqualTo("integer");
        assertThat(series.getAsJsonObject("aggregate").getAsJsonArray("enum").toString())
                .contains("AGGREGATE_MEAN");
        assertThat(series.getAsJsonObject("sensors").get("type").getAsString()).isEqualTo("array");

        JsonObject stream = document.getAsJsonObject("paths")
                .getAsJsonObject("/api/v1/readings:stream")
                .getAsJsonObject("get")
                .getAsJsonObject("responses")
                .getAsJsonObject("200")
                .getAsJsonObject("content");
        assertThat(stream.has("text/event-stream")).isTrue();
    }

    @Test
    void everyReferencedSchemaExists() {
        JsonObject schemas = document.getAsJsonObject("components").getAsJsonObject("schemas");
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(schemas.has(ref.substring("#/components/schemas/".length())))
                    .as(ref)
                    .isTrue();
        }
    }

    private static void collectRefs(JsonElement element, List<String> refs) {
        if (element.isJsonObject()) {
            for (Map.Entry<String, JsonElement> entry :
                    element.getAsJsonObject().entrySet()) {
                if (entry.getKey().equals("$ref")) {
                    refs.add(entry.getValue().getAsString());
                } else {
                    collectRefs(entry.getValue(), refs);
                }
            }
        } else if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(child -> collectRefs(child, refs));
        }
    }
}
